import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";
import { deferBoltReceivers } from "../../scripts/defer-bolt-receivers.mjs";
import { ROOT } from "../helpers/run-script.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Packages whose evaluation the bundle records, by their entry file. */
const WATCHED = {
  "@slack/socket-mode": /[\\/]@slack[\\/]socket-mode[\\/]dist[\\/]src[\\/]index\.js$/,
  express: /[\\/]node_modules[\\/]express[\\/]index\.js$/,
  "@slack/oauth": /[\\/]@slack[\\/]oauth[\\/]dist[\\/]index\.js$/,
};

/** Makes each watched package record, as it is evaluated, that it was. */
function recordEvaluation(): Plugin {
  return {
    name: "record-evaluation",
    setup(pluginBuild) {
      for (const [name, filter] of Object.entries(WATCHED)) {
        pluginBuild.onLoad({ filter }, async (args) => ({
          contents: `(globalThis.evaluated ??= []).push(${JSON.stringify(name)});\n${await readFile(args.path, "utf8")}`,
          loader: "js",
        }));
      }
    },
  };
}

/**
 * Makes a Bolt app in HTTP mode as the bot does, then a Socket Mode receiver, in a bundle built
 * as scripts/build.mjs builds (with `plugins`), and says which watched packages were evaluated
 * after each.
 */
async function evaluatedBy(plugins: Plugin[]): Promise<{ http: string[]; socket: string[] }> {
  await mkdir(path.join(ROOT, ".scratch"), { recursive: true });
  const outDir = await mkdtemp(path.join(ROOT, ".scratch", "bolt-"));
  cleanups.push(() => rm(outDir, { recursive: true, force: true }));
  const outfile = path.join(outDir, "app.mjs");
  await build({
    absWorkingDir: ROOT,
    stdin: {
      contents: `
        import { App } from "@slack/bolt";
        import { createHttpReceiver, createSocketModeReceiver } from "./src/slack/receivers.ts";
        const logger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel() { return "error"; }, setName() {} };
        const receiver = createHttpReceiver({ signingSecret: "secret", endpoints: "/slack/events", logger });
        new App({ receiver, token: "xoxb-test", tokenVerificationEnabled: false, logger });
        const http = [...(globalThis.evaluated ?? [])];
        createSocketModeReceiver({ appToken: "xapp-test", logger });
        console.log(JSON.stringify({ http, socket: globalThis.evaluated ?? [] }));
      `,
      resolveDir: ROOT,
      loader: "ts",
    },
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    external: ["pg-native", "canvas", "bufferutil", "utf-8-validate"],
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    plugins,
    logLevel: "silent",
  });
  return JSON.parse(execFileSync(process.execPath, [outfile], { encoding: "utf8" }));
}

describe("scripts/defer-bolt-receivers.mjs, in the build of the bot", () => {
  it("leaves Socket Mode, Express and OAuth unevaluated by an app in HTTP mode, until a Socket Mode receiver is made", async () => {
    const { http, socket } = await evaluatedBy([deferBoltReceivers(), recordEvaluation()]);
    expect(http).toEqual([]);
    expect(socket.sort()).toEqual(["@slack/oauth", "@slack/socket-mode"]);
  }, 60_000);

  it("is what keeps them out: Bolt as published evaluates them all as it loads", async () => {
    const { http } = await evaluatedBy([recordEvaluation()]);
    expect(http).toEqual(expect.arrayContaining(["@slack/socket-mode", "express", "@slack/oauth"]));
  }, 60_000);
});
