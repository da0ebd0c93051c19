import { createAskerHasher, generateSalt } from "../../questions/asker-hash.ts";
import {
  createQuestionMemory,
  type QuestionLog,
  type QuestionLogOptions,
} from "../../questions/question-log.ts";

/** A question log kept only in memory, salted per process unless given a salt: for tests. */
export function openMemoryQuestionLog(options: QuestionLogOptions): QuestionLog {
  const memory = createQuestionMemory(options);
  memory.finishReading();
  const hasher = createAskerHasher(options.salt ?? generateSalt());
  const ready = Promise.resolve();
  return {
    ready,
    record: (entry, source) =>
      memory.record(
        entry,
        source,
        () => hasher,
        () => {},
      ),
    summarise: (query = {}) => memory.summarise(query, hasher.saltId),
    prune: (now) => memory.prune(now).dropped,
    hashAsker: (userId) => hasher.hash(userId),
    flush() {},
    settled: () => ready,
    sync: () => ready,
  };
}
