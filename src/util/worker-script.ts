/**
 * The script a worker thread starts from. Built (npm start runs dist/): the bundle `builtName`
 * beside the calling module's bundle (scripts/build.mjs puts every worker there). From the
 * TypeScript sources (tsx, in development and in the tests): code that registers tsx first,
 * since its loader does not reach worker threads by itself.
 */
export function workerScript(
  callerUrl: string,
  sourceName: string,
  builtName: string,
): { script: string | URL; isCode: boolean } {
  if (!callerUrl.endsWith(".ts")) {
    return { script: new URL(`./${builtName}`, callerUrl), isCode: false };
  }
  const entry = new URL(`./${sourceName}`, callerUrl).href;
  const loader = import.meta.resolve("tsx/esm/api");
  return {
    script: `import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    isCode: true,
  };
}
