import type { Plugin } from "esbuild";

/** The esbuild plugin of defer-bolt-receivers.mjs: Bolt's other receivers required at first use. */
export function deferBoltReceivers(): Plugin;
