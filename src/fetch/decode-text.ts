/** How far into a body a declared encoding is looked for, as browsers look for `<meta charset>`. */
const SNIFF_BYTES = 1024;

const BYTE_ORDER_MARKS: readonly (readonly [bytes: readonly number[], encoding: string])[] = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xfe, 0xff], "utf-16be"],
  [[0xff, 0xfe], "utf-16le"],
];

/** Windows-1252's 0x80–0x9F, from the WHATWG Encoding Standard's index; the five gaps as Latin-1. */
const WINDOWS_1252_HIGH = [
  ..."\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f",
  ..."\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178",
];

/**
 * Decodes a body to text. The encoding is, first found: a byte order mark, the `charset` of
 * the Content-Type, a `<meta charset>` (HTML) or the XML declaration's `encoding` (XML) near the
 * start, else UTF-8. An encoding the runtime does not know is read as UTF-8.
 */
export function decodeText(bytes: Buffer, mediaType: string, charset: string | undefined): string {
  const label = sniffByteOrderMark(bytes) ?? charset ?? sniffDeclaredEncoding(bytes, mediaType);
  const decoder = createDecoder(label);
  if (decoder.encoding === "windows-1252") return decodeWindows1252(bytes);
  return decoder.decode(bytes);
}

/**
 * Windows-1252 (which is also what `iso-8859-1` and `us-ascii` mean on the web) by hand: Node
 * 20's TextDecoder reads it as Latin-1, turning its curly quotes and dashes (0x80–0x9F) into
 * control characters.
 */
function decodeWindows1252(bytes: Buffer): string {
  return bytes
    .toString("latin1")
    .replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

function sniffByteOrderMark(bytes: Buffer): string | undefined {
  return BYTE_ORDER_MARKS.find(([mark]) => mark.every((b, i) => bytes[i] === b))?.[1];
}

function sniffDeclaredEncoding(bytes: Buffer, mediaType: string): string | undefined {
  const head = bytes.subarray(0, SNIFF_BYTES).toString("latin1");
  if (mediaType === "text/html") {
    const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ?? undefined;
    // A page that says UTF-16 in ASCII bytes is not UTF-16: HTML reads that as UTF-8.
    return declared?.toLowerCase().startsWith("utf-16") ? "utf-8" : declared;
  }
  if (mediaType.endsWith("xml")) {
    return /^<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1];
  }
  return undefined;
}

function createDecoder(label: string | undefined): InstanceType<typeof TextDecoder> {
  try {
    return new TextDecoder(label ?? "utf-8");
  } catch {
    return new TextDecoder("utf-8");
  }
}
