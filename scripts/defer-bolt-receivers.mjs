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

export function deferBoltReceivers() {
  const names = DEFERRED_BOLT_RECEIVERS.join("|");
  const required = new RegExp(
    `const (\\w+) = __importDefault\\(require\\("(\\./receivers/(?:${names}))"\\)\\);`,
    "g",
  );
  const exported = new RegExp(`exports\\.(${names}) = (\\w+)\\.default;`, "g");
  return {
    name: "defer-bolt-receivers",
    setup(build) {
      build.onLoad({ filter: /[\\/]@slack[\\/]bolt[\\/]dist[\\/](index|App)\.js$/ }, (args) => {
        const text = readFileSync(args.path, "utf8");
        const deferred = text
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
        if (deferred === text) {
          console.warn(`warning: ${args.path} no longer requires Bolt's receivers as expected`);
        }
        return { contents: deferred, loader: "js" };
      });
    },
  };
}
