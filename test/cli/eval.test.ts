import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.ts";

describe("npm run eval", () => {
  it("says what it measures with --help", async () => {
    const { code, stdout } = await runScript("src/cli/main.ts", ["eval", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--squad DIR");
    expect(stdout).toContain("MiniSearch with default options");
  });

  it("names a missing file in one line instead of a stack trace", async () => {
    const { code, stdout, stderr } = await runScript("src/cli/main.ts", ["eval", "no-such.jsonl"]);
    expect(code).toBe(1);
    expect(stdout.trim()).toBe("eval: cannot read no-such.jsonl: no such file");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("scores a squad folder side by side with default MiniSearch, and the off-topic check", async () => {
    const { code, stdout } = await runScript("src/cli/main.ts", [
      "eval",
      "--squad",
      "../shared/eval/squad-dev",
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\| paragraph hit@1 \| 0\.\d{3} \(\d+\/705\) \| 0\.767 \(541\/705\) \|/);
    expect(stdout).toContain('| answerable answered "nothing" |');
    expect(stdout).toContain("questions, of the knowledge folder |");
    // Two indexes and 2,800 questions in a child process: 15-18 s alone on a loaded 2-core
    // machine, more beside other test files; the figures are what it checks, not its speed.
  }, 90_000);
});
