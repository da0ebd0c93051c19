import { expect, test } from "vitest";
import { parseCommand } from "../../src/commands/parse-command.ts";
import { SUBCOMMANDS, usageOf } from "../../src/commands/subcommands.ts";

test.each([
  ["", { kind: "help", text: "" }],
  ["  help ", { kind: "help", text: "" }],
  ["Sources", { kind: "sources", text: "" }],
  ["digest", { kind: "digest", text: "" }],
  ["MORE", { kind: "more", text: "" }],
  ["facts", { kind: "facts", text: "" }],
  ["facts  gas pipeline", { kind: "facts", text: "gas pipeline" }],
  [
    "help me understand the pipeline",
    { kind: "question", text: "help me understand the pipeline" },
  ],
  ["sources of gas", { kind: "question", text: "sources of gas" }],
  ["more on the pipeline", { kind: "question", text: "more on the pipeline" }],
  ["digest of the talks", { kind: "question", text: "digest of the talks" }],
  ["  what did Bajwa say? ", { kind: "question", text: "what did Bajwa say?" }],
])("parseCommand(%j) asks for %j", (text, request) => {
  expect(parseCommand(text)).toEqual(request);
});

test.each(SUBCOMMANDS.filter((c) => c.kind !== "question"))(
  "the table's usage of $kind parses back to it",
  (command) => {
    const typed = usageOf(command).replace(/<[^>]+>/, "Chabahar port");
    expect(parseCommand(typed).kind).toBe(command.kind);
  },
);
