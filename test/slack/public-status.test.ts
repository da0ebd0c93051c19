import { expect, test } from "vitest";
import { relativiseReason } from "../../src/slack/public-status.ts";

test("a reason names files relative to the knowledge folder, given relative or absolute", () => {
  expect(
    relativiseReason("first knowledge/facts/pipeline.yml:12: quote not found", "knowledge"),
  ).toBe("first facts/pipeline.yml:12: quote not found");
  expect(
    relativiseReason("first /app/knowledge/articles/a.md:3: bad front matter", "/app/knowledge/"),
  ).toBe("first articles/a.md:3: bad front matter");
});

test("any other absolute path in a reason is left out, the folder itself named as such", () => {
  expect(
    relativiseReason(
      "the knowledge folder cannot be loaded (ENOENT: no such file or directory, scandir '/srv/kb')",
      "/srv/kb",
    ),
  ).toBe(
    "the knowledge folder cannot be loaded (ENOENT: no such file or directory, scandir 'the knowledge folder')",
  );
  expect(
    relativiseReason("first /srv/kb/x.txt: is a link to /etc/passwd, outside", "/srv/kb"),
  ).toBe("first x.txt: is a link to …, outside");
  expect(relativiseReason("first /srv/kbx/y.txt: odd", "/srv/kb")).toBe("first …: odd");
});
