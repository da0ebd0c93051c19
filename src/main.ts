import { runConsole } from "./console/run-console.ts";
import { startUp } from "./startup.ts";

const { config, knowledge } = await startUp({ watch: true, name: "iranpak" });

if (config.slack.mode === "console") {
  await runConsole({ input: process.stdin, output: process.stdout, knowledge });
  await knowledge.close();
}
