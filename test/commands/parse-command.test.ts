import { expect, test } from "vitest";
import { parseCommand } from "../../src/commands/parse-command.ts";

test.each([
  ["", { kind: "help" }],
  ["  help ", { kind: "help" }],
  ["Sources", { kind: "sources" }],
  ["digest", { kind: "digest" }],
  ["facts", { kind: "facts", topic: "" }],
  ["facts  gas pipeline", { kind: "facts", topic: "gas pipeline" }],
  [
    "help me understand the pipeline",
    { kind: "question", question: "help me understand the pipeline" },
  ],
  ["sources of gas", { kind: "question", question: "sources of gas" }],
  ["  what did Bajwa say? ", { kind: "question", question: "what did Bajwa say?" }],
])("parseCommand(%j) asks for %j", (text, request) => {
  expect(parseCommand(text)).toEqual(request);
});
