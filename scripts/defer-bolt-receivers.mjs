import { readFileSync } from "node:fs";

/**
 * Bolt's receivers other than HTTP's, required by its index.js (and Socket Mode's by App.js) as
 * they load: Socket Mode brings @slack/socket-mode, ws and undici, Express's receiver express,
 * some 60 ms of a start's CPU that a start in HTTP mode never uses. Each such `require` is
 * rewritten to happen at the first use of what it exports (App.js names SocketModeReceiver only
 * with `socketMode: true`); src/slack/receivers.ts names it only for a Socket Mode receiver.
 * test/start-imports.test.ts checks the build's start loads none of them.
 */
const DEFERRED_BOLT_RECEIVERS = ["SocketModeReceiver", "ExpressReceiver", "AwsLambdaReceiver"];

/**
 * @slack/oauth, required by index.js (for two re-exported classes) and the HTTP receiver (for an
 * InstallProvider, made only for an app that installs itself with OAuth, which the bot is not):
 * it brings jsonwebtoken, semver and jws, 30-55 ms of a start's CPU in profiles at 100,000
 * passages. Its `require` becomes one at the first property read.
 */
const OAUTH_REQUIRED = /(var|const) oauth_1 = require\("@slack\/oauth"\);/;

const BOLT_FILE = /[\\/]@slack[\\/]bolt[\\/]dist[\\/](index|App|receivers[\\/]HTTPReceiver)\.js$/;

export function deferBoltReceivers() {
  const names = DEFERRED_BOLT_RECEIVERS.join("|");
  const required = new RegExp(
    `const (\\w+) = __importDefault\\(require\\("(\\./receivers/(?:${names}))"\\)\\);`,
    "g",
  );
  const exported = new RegExp(`exports\\.(${names}) = (\\w+)\\.default;`, "g");
  const deferReceivers = (text) =>
    text
      .replace(
        required,
        (_, binding, from) =>
          `let ${binding}_loaded; const ${binding} = { get default() { return (${binding}_loaded ??= __importDefault(require("${from}"))).default; } };`,
      )
      .replace(
        exported,
        (_, name, binding) =>
          `Object.defineProperty(exports, "${name}", { enumerable: true, get: () => ${binding}.default });`,
      );
  const deferOauth = (text) =>
    text.replace(
      OAUTH_REQUIRED,
      (_, declaration) =>
        `let oauth_1_loaded; ${declaration} oauth_1 = new Proxy({}, { get: (_, key) => (oauth_1_loaded ??= require("@slack/oauth"))[key] });`,
    );
  /** What each file has deferred: a file that no longer reads as expected is warned about. */
  const rewrites = {
    index: [deferReceivers, deferOauth],
    App: [deferReceivers],
    HTTPReceiver: [deferOauth],
  };
  return {
    name: "defer-bolt-receivers",
    setup(build) {
      build.onLoad({ filter: BOLT_FILE }, (args) => {
        const file = BOLT_FILE.exec(args.path)?.[1].split(/[\\/]/).pop();
        let text = readFileSync(args.path, "utf8");
        for (const rewrite of rewrites[file] ?? []) {
          const deferred = rewrite(text);
          if (deferred === text) {
            console.warn(`warning: ${args.path} no longer requires what it defers as expected`);
          }
          text = deferred;
        }
        return { contents: text, loader: "js" };
      });
    },
  };
}
