import type { KnowledgeService } from "../live-index/types.ts";
import { renderAnswer } from "./render/answer-blocks.ts";

/**
 * Answers and renders one question, and throws both away, before the app listens: the first
 * person to ask then meets compiled code and built tables (term tables, frequency data, the
 * Block Kit renderers) instead of paying for them; on the loaded 2-core machine that first
 * request took 0.4 to 0.8 s against 0.05 to 0.1 s for the next. The question is the first
 * article's title, so it finds passages and facts as a real one does; it is neither logged nor
 * remembered for `/iranpak more`.
 */
export async function warmUpAnswers(knowledge: KnowledgeService): Promise<void> {
  await knowledge.ready;
  const [article] = knowledge.knowledge().articles;
  if (article === undefined) return;
  renderAnswer(knowledge.ask(article.title), { share: true, feedback: { id: "warm-up" } });
}
