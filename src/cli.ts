import { runAsk } from "./cli/ask.ts";
import { DIGEST_USAGE, runDigest } from "./cli/digest.ts";
import { runEval } from "./cli/eval.ts";
import { FACTS_USAGE, runFacts } from "./cli/facts.ts";
import { REPORT_USAGE, runReport } from "./cli/report.ts";
import { startUp } from "./startup.ts";

const USAGE = `usage:
  npm run ask -- [--json] "<question>"   answer a question (--json without one: questions from stdin)
  npm run eval -- [--verbose] [--squad DIR] [file]   score answers (--help: what is measured)
${DIGEST_USAGE.replace(/^usage:\n/, "")}
${FACTS_USAGE.replace(/^usage:\n/, "")}
${REPORT_USAGE.replace(/^usage:\n/, "")}`;

const COMMANDS = ["ask", "eval", "digest", "facts", "report"] as const;
type Command = (typeof COMMANDS)[number];

function isCommand(word: string | undefined): word is Command {
  return COMMANDS.some((c) => c === word);
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!isCommand(command)) {
    console.error(USAGE);
    return 2;
  }
  const started = await startUp({ watch: false, name: `iranpak ${command}` });
  const { knowledge } = started;
  try {
    switch (command) {
      case "ask":
        return await runAsk(args, knowledge, { input: process.stdin, output: process.stdout });
      case "eval":
        return await runEval(args, knowledge, process.stdout);
      case "digest":
        return await runDigest(args, started, { output: process.stdout });
      case "report":
        return await runReport(args, started, { output: process.stdout });
      case "facts":
        return runFacts(args, knowledge.knowledge(), {
          output: process.stdout,
          error: process.stderr,
        });
    }
  } finally {
    await knowledge.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
