import { describeCitationSource } from "../answer/citation.ts";
import { type AnswerQuote, factsBySubject, quotePassages } from "../answer/quotes.ts";
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
  const source = describeCitationSource(citation);
  const where = `${citation.title}${source === undefined ? "" : ` (${source})`}, ¶${citation.paragraph}`;
  return citation.url === undefined ? where : `${where} <${citation.url}>`;
}

/** "Iran–Pakistan gas pipeline: length 2,775 km · laid as far as the Pakistani border". */
function formatFacts(facts: readonly AnswerResult[]): string {
  return factsBySubject(facts)
    .map(
      ({ subject, facts: same }) =>
        `${subject}: ${same
          .map(
            (r) =>
              `${r.fact?.attribute} ${r.value}${r.fact?.origin === "extracted" ? " (extracted automatically)" : ""}`,
          )
          .join(" · ")}`,
    )
    .join(" · ");
}

function formatQuote(quote: AnswerQuote, n: number): string {
  const snippet = `“${markText(quote.snippet, quote.marks)}”`;
  const head =
    quote.facts.length > 0
      ? `[${n}] ${formatFacts(quote.facts)}\n    ${snippet}`
      : `[${n}] ${snippet}`;
  return `${head}\n    — ${formatCitation(quote.citation)} (${quote.citation.docId})`;
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
  const quotes = quotePassages(answer.results);
  const withFacts = quotes.filter((q) => q.facts.length > 0);
  const passages = quotes.filter((q) => q.facts.length === 0);
  let n = firstNumber;
  if (withFacts.length > 0) lines.push("Facts:", ...withFacts.map((q) => formatQuote(q, n++)));
  for (const { subject, attribute, results } of answer.conflicts) {
    lines.push(
      `Sources differ on ${subject} · ${attribute}:`,
      ...results.map((r) => `    ${r.value} — ${formatCitation(r.citation)} (${r.citation.docId})`),
    );
  }
  if (passages.length > 0) lines.push("Passages:", ...passages.map((q) => formatQuote(q, n++)));
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
