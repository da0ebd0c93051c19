import { expect, test } from "vitest";
import { SUBCOMMANDS, usageHint, usageOf } from "../../src/commands/subcommands.ts";
import { consoleUsage } from "../../src/console/command-handlers.ts";
import { usageLines } from "../../src/slack/render/help-blocks.ts";
import { readSlackText } from "../../src/slack/render/mrkdwn.ts";

test.each(SUBCOMMANDS)(
  "both help texts and the usage hint show $kind from the table",
  (command) => {
    const usage = usageOf(command);
    expect(
      consoleUsage().some((l) => l.includes(`/iranpak ${usage}`) && l.includes(command.summary)),
    ).toBe(true);
    expect(
      usageLines().some((l) =>
        readSlackText(l).startsWith(`\`/iranpak ${usage}\`: ${command.summary}`),
      ),
    ).toBe(true);
    expect(usageHint().split(" | ")).toContain(usage);
  },
);
