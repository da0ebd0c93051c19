import { runAsk } from "./cli/ask.ts";
import { runEval } from "./cli/eval.ts";
import { startUp } from "./startup.ts";

const USAGE = `usage:
  npm run ask -- [--json] "<question>"   answer a question (--json without one: questions from stdin)
  npm run eval -- [--verbose] [file]     score the answers on an evaluation file`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command !== "ask" && command !== "eval") {
    console.error(USAGE);
    return 2;
  }
  const { knowledge } = await startUp({ watch: false, name: `iranpak ${command}` });
  try {
    if (command === "ask")
      return await runAsk(args, knowledge, { input: process.stdin, output: process.stdout });
    return await runEval(args, knowledge, process.stdout);
  } finally {
    await knowledge.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
