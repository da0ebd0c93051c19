import type { Writable } from "node:stream";
import type { Fact, KnowledgeBase } from "../knowledge/types.ts";
import { learnAcronymSteps } from "../search/acronyms.ts";
import { runSteps } from "../util/cooperative.ts";

export const FACTS_USAGE = `usage:
  npm run facts -- suggest <article-id>  print an article's extracted facts as YAML to curate
  npm run facts -- acronyms              print the acronyms the knowledge teaches, which
                                         questions may use for their long forms`;

/** How many article ids an "unknown article" message names before it says "…". */
const MAX_NAMED_IDS = 8;

// Plain YAML scalars that read back as the same text; anything else is written double-quoted
// (a JSON string is a valid YAML double-quoted scalar).
const PLAIN = /^[\p{L}\p{N}$£€][\p{L}\p{N} .,'’()%&$£€°/–-]*$/u;
const PLAIN_TAG = /^[\p{L}\p{N}][\p{L}\p{N} -]*$/u;
const RESERVED = /^(?:true|false|yes|no|on|off|null|y|n)$/i;

function scalar(text: string): string {
  return PLAIN.test(text) && !text.endsWith(" ") && !RESERVED.test(text)
    ? text
    : JSON.stringify(text);
}

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .split("-")
    .slice(0, 6)
    .join("-");
}

/** Ids a curator can keep: readable, and unlike any id the knowledge base already has. */
function suggestIds(facts: readonly Fact[], taken: ReadonlySet<string>): string[] {
  const used = new Set(taken);
  return facts.map((fact) => {
    const base = `${fact.article}-${fact.paragraph}-${slug(`${fact.subject} ${fact.attribute}`)}`;
    let id = base.replace(/-$/, "");
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}

/** Facts as a `facts/*.yml` file: the keys and shape the fact parser reads. */
export function formatFactsYaml(facts: readonly Fact[], takenIds: ReadonlySet<string>): string {
  const ids = suggestIds(facts, takenIds);
  return facts
    .map((fact, i) => {
      const lines = [
        `- id: ${ids[i]}`,
        `  subject: ${scalar(fact.subject)}`,
        `  attribute: ${scalar(fact.attribute)}`,
        `  value: ${scalar(fact.value)}`,
        ...(fact.unit === undefined ? [] : [`  unit: ${scalar(fact.unit)}`]),
        `  source: ${fact.article}#${fact.paragraph}`,
        `  quote: ${JSON.stringify(fact.quote)}`,
        `  tags: [${fact.tags.map((t) => (PLAIN_TAG.test(t) && !RESERVED.test(t) ? t : JSON.stringify(t))).join(", ")}]`,
      ];
      return lines.join("\n");
    })
    .join("\n\n");
}

function unknownArticle(id: string, kb: KnowledgeBase): string {
  const ids = kb.articles.map((a) => a.id);
  const named = ids.slice(0, MAX_NAMED_IDS).join(", ");
  const more = ids.length > MAX_NAMED_IDS ? `, … (${ids.length} articles)` : "";
  return `unknown article "${id}"; the knowledge base has: ${named || "no articles"}${more}`;
}

/** `facts acronyms`: what the index learns, one pair a line, as the index learns it. */
function formatAcronyms(kb: KnowledgeBase): string {
  const pairs = runSteps(learnAcronymSteps(kb));
  const header = `# ${pairs.length} acronyms the knowledge teaches (written beside their long form, or both used in one article).`;
  return `${[header, ...pairs.map((p) => `${p.acronym}\t${p.longForm}`)].join("\n")}\n`;
}

/**
 * `facts suggest <article-id>`: the article's extracted facts (paragraphs no curated fact
 * quotes) as YAML ready to check and save under `knowledge/facts/`. Exit 2 on bad usage or an
 * unknown article.
 */
export function runFacts(
  args: readonly string[],
  kb: KnowledgeBase,
  io: { output: Writable; error: Writable },
): number {
  const [action, id, ...rest] = args;
  if (action === "acronyms" && id === undefined) {
    io.output.write(formatAcronyms(kb));
    return 0;
  }
  if (action !== "suggest" || id === undefined || rest.length > 0) {
    io.error.write(`${FACTS_USAGE}\n`);
    return 2;
  }
  const article = kb.articles.find((a) => a.id === id);
  if (article === undefined) {
    io.error.write(`${unknownArticle(id, kb)}\n`);
    return 2;
  }
  const facts = kb.facts.filter((f) => f.origin === "extracted" && f.article === id);
  const header = [
    `# Facts extracted automatically from "${article.title}" (${article.file}).`,
    facts.length === 0
      ? "# None: every paragraph has curated facts, or none holds a pattern the extractor knows."
      : `# ${facts.length} facts. Check each against its quote, fix or drop it, and save the file as knowledge/facts/${id}.yml.`,
  ];
  const taken = new Set(kb.facts.filter((f) => f.origin === "curated").map((f) => f.id));
  io.output.write(
    `${header.join("\n")}\n${facts.length === 0 ? "" : `\n${formatFactsYaml(facts, taken)}\n`}`,
  );
  return 0;
}
