/** The types of bundle.mjs: entry points bundled for plain `node`, as `npm start` runs them. */
export function bundle(
  esbuild: typeof import("esbuild"),
  options: {
    entryPoints: readonly { in: string; out: string }[];
    outDir: string;
    keepUnchanged?: boolean;
  },
): Promise<void>;
