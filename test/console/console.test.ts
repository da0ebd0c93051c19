import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.ts";

describe("npm start without Slack credentials", () => {
  it("opens a console that answers commands, mentions and help, and exits at end of input", async () => {
    const input = [
      "/iranpak pipeline",
      "@iranpak who did Bajwa meet?",
      "help",
      "/iranpak sources",
      "/iranpak facts border",
      "/iranpak cricket world cup",
    ].join("\n");
    const { code, stdout } = await runScript("src/main.ts", [], { input });
    expect(code).toBe(0);
    expect(stdout).toContain("2,775 km");
    expect(stdout).toContain("Mohammad Hossein Baqeri");
    expect(stdout).toContain("/iranpak facts <topic>");
    expect(stdout).toContain("pakistan-iran, 16 passages");
    expect(stdout).toContain("Iran–Pakistan border · length: 959 km");
    expect(stdout).toContain("The knowledge base has nothing on “cricket world cup”");
  });

  it("pages to the next results with more", async () => {
    const { stdout } = await runScript("src/main.ts", [], {
      input: "/iranpak Pakistan Iran\n/iranpak more\n",
    });
    expect(stdout).toMatch(/\[4\] /);
  });
});

describe("the console, piped", () => {
  it("echoes each line after the prompt before its answer, with a blank line between answers", async () => {
    const { stdout } = await runScript("src/main.ts", [], {
      input: "/iranpak pipeline\n\nsources\n",
    });
    const transcript = stdout.slice(stdout.indexOf("\n") + 1);
    expect(transcript).toMatch(/^\niranpak> \/iranpak pipeline\nFacts:\n/);
    expect(transcript).toMatch(/\n\niranpak> sources\n- Pakistan and Iran Move Closer/);
    expect(transcript.match(/iranpak> /g)).toHaveLength(2);
  });
});
