import { describe, expect, it } from "vitest";
import { createAskerHasher } from "../../src/questions/asker-hash.ts";
import {
  createQuestionSummary,
  MIN_DISTINCT_ASKERS,
} from "../../src/questions/question-summary.ts";
import { createTopicModel } from "../../src/questions/topics.ts";
import type { QuestionLogEntry, QuestionOrigin } from "../../src/questions/types.ts";

const model = createTopicModel(
  [
    ["Qamar Javed Bajwa", "Bajwa", "Army Chief"],
    ["Iran", "Tehran"],
  ],
  ["Pakistan and Iran ties", "Iran and Pakistan trade"],
);
const salt = createAskerHasher("a salt for the tests, long enough");
const NO_BACKGROUND = new Set<string>();

let minute = 0;
function asked(
  text: string,
  options: { origin?: QuestionOrigin; channel?: string; by?: string; answered?: boolean } = {},
): QuestionLogEntry {
  minute++;
  const { origin = "dm", channel, by = "U0ASKER", answered = false } = options;
  return {
    at: new Date(Date.UTC(2026, 4, 4, 8, minute)).toISOString(),
    answered,
    origin,
    ...(channel === undefined ? {} : { channel }),
    asker: salt.hash(by),
    topics: model.topicsOf(text).map((t) => [t.key, t.label]),
    ...(origin === "mention" ? { text } : {}),
  };
}

function summaryOf(entries: QuestionLogEntry[]) {
  const summary = createQuestionSummary();
  for (const entry of entries) summary.add(entry);
  return summary;
}

describe("a channel's summary of what the team asked", () => {
  it("counts a private question but names none of its words", () => {
    const summary = summaryOf([
      asked("Is my password hunter2 safe?", { origin: "dm" }),
      asked("my salary is 90000, is that a lot?", { origin: "command", by: "U0OTHER" }),
    ]);
    const digest = summary.summarise({
      channel: "C0DIGEST",
      background: NO_BACKGROUND,
      saltId: salt.saltId,
    });
    expect(digest).toEqual({ total: 2, answered: 0, topics: [], unanswered: [], unlisted: 2 });
  });

  it(`names a private topic once ${MIN_DISTINCT_ASKERS} different people asked about it, never for one person asking often`, () => {
    const often = ["U0ONE", "U0ONE", "U0ONE", "U0TWO"].map((by) => asked("visa fees?", { by }));
    const summary = summaryOf(often);
    const query = { background: NO_BACKGROUND, saltId: salt.saltId };
    expect(summary.summarise(query).topics).toEqual([]);
    summary.add(asked("Visa fees for students?", { by: "U0THREE", origin: "command" }));
    expect(summary.summarise(query).topics.slice(0, 2)).toEqual([
      { topic: "fees", count: 5 },
      { topic: "visa", count: 5 },
    ]);
  });

  it("does not count askers hashed with another salt: after the salt changes, one person could look like two", () => {
    const other = createAskerHasher("another salt, after a rotation!!");
    const summary = summaryOf([
      asked("visa?", { by: "U0ONE" }),
      asked("visa?", { by: "U0TWO" }),
      { ...asked("visa?"), asker: other.hash("U0ONE") },
    ]);
    const query = { background: NO_BACKGROUND, saltId: salt.saltId };
    expect(summary.summarise(query).topics).toEqual([]);
    expect(summary.summarise({ ...query, saltId: undefined }).topics).toEqual([]);
  });

  it("quotes a mention in its own channel's digest only", () => {
    const summary = summaryOf([
      asked("Who funds the <!channel> stadium?", { origin: "mention", channel: "C0HERE" }),
      asked("who funds the <!channel> stadium", { origin: "mention", channel: "C0HERE" }),
      asked("What about the secret merger?", { origin: "mention", channel: "C0ELSEWHERE" }),
    ]);
    const here = summary.summarise({ channel: "C0HERE", background: NO_BACKGROUND });
    expect(here.unanswered).toEqual([{ text: "Who funds the <!channel> stadium?", count: 2 }]);
    expect(here.unlisted).toBe(1);
    expect(here.topics.map((t) => t.topic)).toEqual(["channel", "funds", "stadium"]);
    const elsewhere = summary.summarise({ channel: "C0ELSEWHERE", background: NO_BACKGROUND });
    expect(elsewhere.unanswered).toEqual([{ text: "What about the secret merger?", count: 1 }]);
    expect(elsewhere.topics.map((t) => t.topic)).toEqual(["merger", "secret"]);
    const nowhere = summary.summarise({ background: NO_BACKGROUND });
    expect(nowhere.unanswered).toEqual([]);
    expect(nowhere.unlisted).toBe(3);
  });

  it("folds alias spellings into one topic and leaves out the knowledge base's own subject", () => {
    const summary = summaryOf(
      ["When did Bajwa visit Tehran?", "Where did the army chief travel?", "Bajwa in Iran?"].map(
        (text, i) => asked(text, { origin: "mention", channel: "C0HERE", by: `U0${i}` }),
      ),
    );
    const digest = summary.summarise({ channel: "C0HERE", background: model.background });
    expect(digest.topics[0]).toEqual({ topic: "Qamar Javed Bajwa", count: 3 });
    expect(digest.topics.map((t) => t.topic)).not.toContain("Iran");
  });

  it("counts only questions asked after an instant", () => {
    const entries = [asked("one?"), asked("two?", { answered: true }), asked("three?")];
    const summary = summaryOf(entries);
    const after = new Date(entries[0]?.at ?? "");
    expect(summary.summarise({ after, background: NO_BACKGROUND })).toMatchObject({
      total: 2,
      answered: 1,
    });
    expect(summary.summarise({ background: NO_BACKGROUND }).total).toBe(3);
  });

  it("forgets questions before an instant, their quotes and topics with them", () => {
    const entries = [
      asked("old stadium question?", { origin: "mention", channel: "C0HERE" }),
      asked("new pipeline question?", { origin: "mention", channel: "C0HERE" }),
    ];
    const summary = summaryOf(entries);
    expect(summary.dropBefore(new Date(entries[1]?.at ?? ""))).toBe(1);
    const digest = summary.summarise({ channel: "C0HERE", background: NO_BACKGROUND });
    expect(digest.total).toBe(1);
    expect(digest.unanswered).toEqual([{ text: "new pipeline question?", count: 1 }]);
    expect(digest.topics.map((t) => t.topic)).toEqual(["new", "pipeline", "question"]);
    summary.add(asked("another pipeline question", { origin: "mention", channel: "C0HERE" }));
    expect(summary.summarise({ channel: "C0HERE", background: NO_BACKGROUND }).topics[0]).toEqual({
      topic: "pipeline",
      count: 2,
    });
  });
});
