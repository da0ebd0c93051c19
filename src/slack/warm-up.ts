import type { KnowledgeService } from "../live-index/types.ts";
import { renderAnswer } from "./render/answer-blocks.ts";

/**
 * Answers and renders one question, and throws both away, before the app listens: the first
 * person to ask then meets compiled code and built tables (term tables, frequency data, the
 * facts' disagreements, the Block Kit renderers) instead of paying for them; on the loaded
 * 2-core machine that first request took 0.4 to 0.8 s against 0.05 to 0.1 s for the next. It is
 * neither logged nor remembered for `/iranpak more`.
 *
 * The question is the first fact's subject, so it finds passages and facts as a real one does
 * (without facts, the first article's title). A title was the question before: at 100,000
 * passages "Brown corpus sample 1" matched a hundred titles and took 125 ms of every start,
 * where a fact's subject takes 50, and warms the path as well (the first real question took
 * 4 to 7 ms after it, 15 to 20 after the title; CPU, load 5).
 */
export async function warmUpAnswers(knowledge: KnowledgeService): Promise<void> {
  await knowledge.ready;
  const { facts, articles } = knowledge.knowledge();
  const question = facts[0]?.subject ?? articles[0]?.title;
  if (question === undefined) return;
  renderAnswer(knowledge.ask(question), { share: true, feedback: { id: "warm-up" } });
}
