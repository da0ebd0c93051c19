import { Readable, Writable } from "node:stream";
import { describe, expect, test } from "vitest";
import { summariseKnowledge } from "../../src/answer/summarise-knowledge.ts";
import { runConsole } from "../../src/console/run-console.ts";
import { createKnowledgeService } from "../../src/live-index/knowledge-service.ts";
import { renderHelp } from "../../src/slack/render/help-blocks.ts";
import { limitViolations } from "../../src/slack/render/limits.ts";
import { knowledgeBase } from "../digest/fixtures.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";

describe("help tells everyone what the digest shows of their questions", () => {
  test("in Slack", () => {
    const message = renderHelp(summariseKnowledge(knowledgeBase()));
    const shown = stringsIn(message).join("\n");
    expect(shown).toContain("*Your questions and the daily digest*");
    expect(shown).toContain(
      "Questions asked in a direct message or with `/iranpak` are never quoted in a channel: the digest only counts them, and names their topics once at least 3 different people asked about them.",
    );
    expect(shown).toContain("may be quoted in that channel's digest, and nowhere else");
    expect(limitViolations(message)).toEqual([]);
  });

  test("in the console", async () => {
    const knowledge = createKnowledgeService({ dir: "knowledge", watch: false });
    await knowledge.ready;
    let out = "";
    const output = new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    });
    await runConsole({ input: Readable.from(["help\n"]), output, knowledge });
    await knowledge.close();
    expect(out).toContain(
      "questions asked by direct message or /iranpak are never quoted in a channel",
    );
    expect(out).toContain("names their topics once 3 different people asked");
  });
});
