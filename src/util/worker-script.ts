/**
 * The script for a worker thread whose module sits beside the caller. Built (npm start runs
 * dist/): the bundled `<name>.js` beside the caller's bundle (scripts/build.mjs puts it there).
 * From the TypeScript sources (tsx, in development and in the tests): code that registers tsx
 * first, since its loader does not reach worker threads by itself.
 */
export function workerScript(
  callerUrl: string,
  name: string,
): { script: string | URL; isCode: boolean } {
  if (!callerUrl.endsWith(".ts")) {
    return { script: new URL(`./${name}.js`, callerUrl), isCode: false };
  }
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const loader = import.meta.resolve("tsx/esm/api");
  return {
    script: `import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    isCode: true,
  };
}
