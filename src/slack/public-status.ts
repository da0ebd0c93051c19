/**
 * The knowledge service's status as strangers may see it: `/healthz` is unauthenticated on the
 * public Slack port and every member sees the App Home. The reason names files relative to the
 * knowledge folder, and any other absolute path (where a link leads, a folder that could not be
 * read) as "…"; the log keeps the full paths.
 */
import path from "node:path";
import type { ServiceStatus } from "../live-index/types.ts";

/** Said for an absolute path outside the knowledge folder. */
const OUTSIDE = "…";

/** `status` with its reason said relative to `knowledgeDir`. */
export function publicStatus(status: ServiceStatus, knowledgeDir: string): ServiceStatus {
  if (status.reason === undefined) return status;
  return { ...status, reason: relativiseReason(status.reason, knowledgeDir) };
}

/**
 * `reason` with `knowledgeDir/` dropped from the start of each path (as given and absolute),
 * the folder itself said as "the knowledge folder", and any absolute path left replaced.
 */
export function relativiseReason(reason: string, knowledgeDir: string): string {
  const roots = [...new Set([path.resolve(knowledgeDir), path.normalize(knowledgeDir)])]
    .map((root) => root.replace(/[\\/]+$/, ""))
    .filter((root) => root !== "" && root !== ".")
    .sort((a, b) => b.length - a.length);
  let text = reason;
  for (const root of roots) {
    const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    text = text
      .replace(new RegExp(`(^|[\\s'"(\`])${escaped}[\\\\/]`, "g"), "$1")
      .replace(
        new RegExp(`(^|[\\s'"(\`])${escaped}(?=$|[\\s'"):,;\`])`, "g"),
        "$1the knowledge folder",
      );
  }
  return text.replace(/(^|[\s'"(`])(?:[A-Za-z]:)?[\\/][^\s'"():,;`]+/g, `$1${OUTSIDE}`);
}
