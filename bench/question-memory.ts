/**
 * Memory held per question, for issue 18 item 4: records QUESTIONS long mentions (each a fresh
 * message of LENGTH characters, as Slack would deliver it) in a memory question log and
 * remembers each as a thread's last question in the conversation store, drops every other
 * reference, collects garbage and prints the heap growth per question.
 *
 *   node --expose-gc --import tsx bench/question-memory.ts [QUESTIONS] [LENGTH]
 */
import { silentLogger } from "../src/log/logger.ts";
import { createMemoryConversationStore } from "../src/store/memory/conversation-store.ts";
import { openMemoryQuestionLog } from "../src/store/memory/question-log.ts";

const questions = Number(process.argv[2] ?? 10_000);
const length = Number(process.argv[3] ?? 40_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with node --expose-gc");

/** A message of `length` characters, built fresh so no two questions share storage. */
function message(i: number): string {
  const words = `question ${i} about the gas pipeline and Gwadar port `;
  return words.repeat(Math.ceil(length / words.length)).slice(0, length - 1) + String(i % 10);
}

function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

const log = openMemoryQuestionLog({ retentionDays: 30, logger: silentLogger });
const conversations = createMemoryConversationStore({ maxEntries: questions });
const before = heap();
for (let i = 0; i < questions; i++) {
  const text = message(i);
  log.record(
    { text, answered: false, at: new Date() },
    { origin: "mention", channel: "C0123", user: `U${i}` },
  );
  await conversations.set(`C0123/${i}.000`, { question: text, at: new Date() });
}
const after = heap();
const perQuestion = (after - before) / questions;
console.log(
  `${questions} questions of ${length} characters: heap +${((after - before) / 1e6).toFixed(1)} MB, ${(perQuestion / 1024).toFixed(1)} KB per question`,
);
// Keep both alive until measured.
if (log.summarise().total !== questions || conversations === undefined) process.exit(1);
