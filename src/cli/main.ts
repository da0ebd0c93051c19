import { createIngestWiring } from "../ingest-wiring.ts";
import { type Started, startUp } from "../startup.ts";
import { createStores } from "../store/create-stores.ts";
import { ADD_USAGE, runAdd } from "./add.ts";
import { runAsk } from "./ask.ts";
import { DIGEST_USAGE, runDigest } from "./digest.ts";
import { runEval } from "./eval.ts";
import { FACTS_USAGE, runFacts } from "./facts.ts";
import { FEEDS_USAGE, runFeeds } from "./feeds.ts";
import { REPORT_USAGE, runReport } from "./report.ts";

/** One command-line command: its usage lines and what it runs once the knowledge is loaded. */
interface CliCommand {
  usage: string;
  run(args: readonly string[], started: Started): Promise<number> | number;
}

/** The one table of `npm run <command>` commands: usage and dispatch both come from it. */
const COMMANDS: Readonly<Record<string, CliCommand>> = {
  ask: {
    usage: `  npm run ask -- [--json] "<question>"   answer a question (--json without one: questions from stdin)`,
    run: (args, { knowledge }) =>
      runAsk(args, knowledge, { input: process.stdin, output: process.stdout }),
  },
  eval: {
    usage:
      "  npm run eval -- [--verbose] [--squad DIR] [file]   score answers (--help: what is measured)",
    run: (args, { knowledge }) => runEval(args, knowledge, process.stdout),
  },
  digest: {
    usage: DIGEST_USAGE.replace(/^usage:\n/, ""),
    run: (args, started) => runDigest(args, started, { output: process.stdout }),
  },
  facts: {
    usage: FACTS_USAGE.replace(/^usage:\n/, ""),
    run: (args, { knowledge }) =>
      runFacts(args, knowledge.knowledge(), { output: process.stdout, error: process.stderr }),
  },
  feeds: {
    usage: FEEDS_USAGE.replace(/^usage:\n/, ""),
    run: (args, started) =>
      runFeeds(args, started, { output: process.stdout, error: process.stderr }),
  },
  add: {
    usage: ADD_USAGE.replace(/^usage:\n/, ""),
    run: async (args, { config, logger }) => {
      const stores = await createStores(config, { logger });
      // No reload here: the running bot's watcher (or its copy, with PostgreSQL) picks them up.
      const ingest = createIngestWiring(config, { stores, logger });
      try {
        return await runAdd(args, ingest.add, {
          output: process.stdout,
          progress: process.stderr,
          error: process.stderr,
        });
      } finally {
        await ingest.close();
        await stores.close();
      }
    },
  },
  report: {
    usage: REPORT_USAGE.replace(/^usage:\n/, ""),
    run: (args, started) => runReport(args, started, { output: process.stdout }),
  },
};

const USAGE = `usage:\n${Object.values(COMMANDS)
  .map((command) => command.usage)
  .join("\n")}`;

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    console.error(USAGE);
    return 2;
  }
  const started = await startUp({ watch: false, name: `iranpak ${name}` });
  try {
    return await command.run(args, started);
  } finally {
    await started.knowledge.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
