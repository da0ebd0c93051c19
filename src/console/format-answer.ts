import type { Answer, AnswerResult, Citation, Mark } from "../answer/types.ts";

/** Wraps the marked ranges of a snippet, e.g. in `**…**` for plain text. */
export function markText(text: string, marks: readonly Mark[], open = "**", close = open): string {
  let out = "";
  let at = 0;
  for (const [start, end] of marks) {
    out += text.slice(at, start) + open + text.slice(start, end) + close;
    at = end;
  }
  return out + text.slice(at);
}

export function formatCitation(citation: Citation): string {
  const where = `${citation.title}, ¶${citation.paragraph}`;
  return citation.url === undefined ? where : `${where} <${citation.url}>`;
}

function formatResult(result: AnswerResult, n: number): string {
  const snippet = markText(result.snippet, result.marks);
  const head =
    result.kind === "fact" && result.fact
      ? `[${n}] ${result.fact.subject} · ${result.fact.attribute}: ${result.value}${result.fact.origin === "extracted" ? " (extracted automatically)" : ""}\n    “${snippet}”`
      : `[${n}] “${snippet}”`;
  return `${head}\n    — ${formatCitation(result.citation)} (${result.citation.docId})`;
}

/** An answer as readable text with numbered citations: what `npm run ask` and the console print. */
export function formatAnswer(answer: Answer, firstNumber = 1): string {
  const lines = answerNotices(answer);
  if (answer.confidence === "none") {
    const searched = answer.terms.length > 0 ? ` (searched for: ${answer.terms.join(", ")})` : "";
    const hint =
      answer.suggestions.length > 0 ? `\nDid you mean: ${answer.suggestions.join(", ")}?` : "";
    lines.push(
      `The knowledge base has nothing on “${answer.query}”${searched}.${hint}\nType "help" to see what it covers.`,
    );
    return lines.join("\n");
  }
  const facts = answer.results.filter((r) => r.kind === "fact");
  const passages = answer.results.filter((r) => r.kind === "passage");
  let n = firstNumber;
  if (facts.length > 0) lines.push("Facts:", ...facts.map((r) => formatResult(r, n++)));
  for (const { subject, attribute, results } of answer.conflicts) {
    lines.push(
      `Sources differ on ${subject} · ${attribute}:`,
      ...results.map((r) => `    ${r.value} — ${formatCitation(r.citation)} (${r.citation.docId})`),
    );
  }
  if (passages.length > 0) lines.push("Passages:", ...passages.map((r) => formatResult(r, n++)));
  if (answer.hasMore) lines.push("(more results: /iranpak more)");
  return lines.join("\n");
}

/** What an answer says before its results: corrections, a cut question, a partial match. */
export function answerNotices(answer: Answer): string[] {
  const lines: string[] = [];
  if (answer.corrections.length > 0) {
    lines.push(
      `Showing results for ${answer.corrections.map((c) => `“${c.shown}” (you typed “${c.asked}”)`).join(", ")}.`,
    );
  }
  if (answer.truncated) lines.push("Your question was long: only its beginning was searched.");
  if (answer.confidence === "closest") {
    const missed =
      answer.missed.length > 0 ? ` (nothing matched: ${answer.missed.join(", ")})` : "";
    lines.push(`No passage answers this directly; the closest${missed}:`);
  }
  return lines;
}
