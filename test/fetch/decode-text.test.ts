import { describe, expect, it } from "vitest";
import { decodeText } from "../../src/fetch/decode-text.ts";

const latin1 = (text: string) => Buffer.from(text, "latin1");

describe("decoding a body", () => {
  it("reads UTF-8 when nothing says otherwise", () => {
    expect(decodeText(Buffer.from("Gwādar"), "text/html", undefined)).toBe("Gwādar");
  });

  it("follows the Content-Type charset", () => {
    expect(decodeText(latin1("Café"), "text/plain", "iso-8859-1")).toBe("Café");
  });

  it("finds <meta charset> and the http-equiv form in HTML", () => {
    const meta = latin1('<meta charset="windows-1252"><p>\x93Caf\xe9\x94</p>');
    expect(decodeText(meta, "text/html", undefined)).toContain("“Café”");
    const equiv = latin1(
      '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>Caf\xe9</p>',
    );
    expect(decodeText(equiv, "text/html", undefined)).toContain("Café");
  });

  it("finds the XML declaration's encoding in a feed", () => {
    const feed = latin1(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Caf\xe9</title></rss>',
    );
    expect(decodeText(feed, "application/rss+xml", undefined)).toContain("Café");
  });

  it("lets a byte order mark win over a header", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Quetta", "utf16le")]);
    expect(decodeText(bytes, "text/plain", "utf-8")).toBe("Quetta");
  });

  it("reads an unknown charset as UTF-8", () => {
    expect(decodeText(Buffer.from("Gwādar"), "text/plain", "x-no-such-charset")).toBe("Gwādar");
  });
});
