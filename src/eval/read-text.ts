import { readFile } from "node:fs/promises";

/** A file's text, or an error of one line saying which file could not be read and why. */
export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : code;
    throw new Error(`cannot read ${file}: ${why ?? String(error)}`);
  }
}
