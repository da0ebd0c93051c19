import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  boldMarks,
  escapeMrkdwn,
  linkMrkdwn,
  quoteMrkdwn,
  readSlackText,
} from "../../../src/slack/render/mrkdwn.ts";
import { tokensIn } from "../../helpers/mrkdwn-tokens.ts";

describe("escapeMrkdwn", () => {
  test("escapes &, < and >", () => {
    expect(escapeMrkdwn("AT&T <!here> a > b")).toBe("AT&amp;T &lt;!here&gt; a &gt; b");
  });

  test("leaves no token in any text", () => {
    fc.assert(fc.property(fc.string(), (text) => tokensIn(escapeMrkdwn(text)).length === 0));
  });
});

describe("readSlackText", () => {
  test("reads the shared slash command's text as the user typed it", () => {
    expect(readSlackText("gas pipeline tariff 2024 &amp; <@U05ABCDEF12|ali.r> <!here>")).toBe(
      "gas pipeline tariff 2024 & @ali.r @here",
    );
  });

  test.each([
    ["<!channel> and <!everyone>", "@channel and @everyone"],
    ["<!here|here>", "@here"],
    ["<@U05ABCDEF12>", "@U05ABCDEF12"],
    ["<#C07QX3K9RJD|research-desk>", "#research-desk"],
    ["<!subteam^S0123|@analysts>", "@analysts"],
    ["<https://example.org/a?b=1&amp;c=2|the article>", "the article"],
    ["<https://example.org>", "https://example.org"],
    ["typed &lt;!here&gt; literally", "typed <!here> literally"],
    ["&amp;lt; stays one level", "&lt; stays one level"],
  ])("reads %j as %j", (input, plain) => {
    expect(readSlackText(input)).toBe(plain);
  });

  test("read then escaped, no Slack text keeps a token", () => {
    fc.assert(
      fc.property(fc.string(), (text) => tokensIn(escapeMrkdwn(readSlackText(text))).length === 0),
    );
  });
});

describe("linkMrkdwn", () => {
  test("links an http(s) url with an escaped label", () => {
    expect(linkMrkdwn("https://example.org/a?x=1&y=2", "Iran <&> Pakistan")).toBe(
      "<https://example.org/a?x=1&amp;y=2|Iran &lt;&amp;&gt; Pakistan>",
    );
  });

  test("shows only the label for a missing or unsafe url", () => {
    expect(linkMrkdwn(undefined, "A & B")).toBe("A &amp; B");
    expect(linkMrkdwn("javascript:alert(1)", "x")).toBe("x");
    expect(linkMrkdwn("https://x.org/|<!here>", "x")).toBe("x");
  });
});

describe("boldMarks", () => {
  test("does not merge marks across a line break, where Slack ends bold", () => {
    expect(
      boldMarks("gas pipeline\nborder fence", [
        [4, 12],
        [13, 19],
      ]),
    ).toBe("gas *pipeline*\n*border* fence");
  });

  test("bolds marked terms and escapes the rest", () => {
    expect(boldMarks("R&D on the pipeline <now>", [[11, 19]])).toBe(
      "R&amp;D on the *pipeline* &lt;now&gt;",
    );
  });

  test("widens a mark inside a word to the whole word, as Slack bolds only whole words", () => {
    expect(boldMarks("pipelines matter", [[0, 4]])).toBe("*pipelines* matter");
  });

  test("merges marks that touch or are only spaces apart", () => {
    expect(
      boldMarks("the gas pipeline", [
        [4, 7],
        [8, 16],
      ]),
    ).toBe("the *gas pipeline*");
  });

  test("keeps punctuation next to a mark outside the stars", () => {
    expect(
      boldMarks("(Gwadar), “Chabahar”.", [
        [1, 7],
        [11, 19],
      ]),
    ).toBe("(*Gwadar*), “*Chabahar*”.");
  });

  test("ignores empty and out-of-range marks", () => {
    expect(
      boldMarks("abc", [
        [2, 2],
        [5, 9],
        [-3, 0],
      ]),
    ).toBe("abc");
  });

  test("always yields the escaped text plus balanced stars, whatever the marks", () => {
    const textAndMarks = fc
      .string({ maxLength: 60 })
      .chain((text) =>
        fc.tuple(
          fc.constant(text),
          fc.array(
            fc
              .tuple(fc.nat(70), fc.nat(70))
              .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]),
          ),
        ),
      );
    fc.assert(
      fc.property(textAndMarks, ([text, marks]) => {
        const out = boldMarks(text.replaceAll("*", ""), marks);
        const stars = out.split("*").length - 1;
        return (
          stars % 2 === 0 && out.replaceAll("*", "") === escapeMrkdwn(text.replaceAll("*", ""))
        );
      }),
    );
  });
});

test("quoteMrkdwn quotes every line", () => {
  expect(quoteMrkdwn("one\ntwo")).toBe(">one\n>two");
});
