import type { Problem } from "../errors.ts";
import { firstSentence } from "../text/sentences.ts";
import { checkSchema } from "./check-schema.ts";
import { sha256 } from "./hash.ts";
import { fileStem, type KnowledgeFile } from "./knowledge-file.ts";
import { readMarkdownBody } from "./markdown.ts";
import { isBlank, type Paragraph, splitLines, splitParagraphs } from "./paragraphs.ts";
import { type FrontMatter, frontMatterSchema, ID_PATTERN } from "./schema.ts";
import type { Article } from "./types.ts";
import { nodeAt, parseYaml } from "./yaml-lines.ts";

export interface ParsedArticle {
  /** Present whenever an id could be told, even with problems, so cross-file checks can run. */
  article?: Article;
  /** Line that gives the article its id: where a duplicate id is reported. */
  idLine: number;
  problems: Problem[];
}

interface Header {
  id: string;
  idLine: number;
  /** Empty when missing: the reader has reported it. */
  title: string;
  meta: FrontMatter;
  paragraphs: Paragraph[];
}

/** Reads an article: `.txt` in the seed's format or `.md` with optional front matter. */
export function parseArticle(file: KnowledgeFile): ParsedArticle {
  const lines = splitLines(file.text);
  const problems: Problem[] = [];
  const markdown = file.rel.toLowerCase().endsWith(".md");
  const header = markdown
    ? readMarkdownHeader(file, lines, problems)
    : readTextHeader(file, lines, problems);
  if (header === undefined) return { idLine: 1, problems };
  const { id, idLine, paragraphs } = header;
  if (paragraphs.length === 0) {
    problems.push({ file: file.path, line: 1, message: `article ${id} has no paragraphs` });
  }
  const article = buildArticle(file, header);
  return { article, idLine, problems };
}

/** The seed's format: the first non-empty line is the title. */
function readTextHeader(
  file: KnowledgeFile,
  lines: readonly string[],
  problems: Problem[],
): Header | undefined {
  const titleIndex = lines.findIndex((line) => !isBlank(line));
  const title = lines[titleIndex]?.trim();
  if (title === undefined) {
    problems.push({ file: file.path, line: 1, message: "article is empty" });
    return undefined;
  }
  return {
    id: idFromFileName(file, problems),
    idLine: 1,
    title,
    meta: {},
    paragraphs: splitParagraphs(lines, titleIndex + 1),
  };
}

function readMarkdownHeader(
  file: KnowledgeFile,
  lines: readonly string[],
  problems: Problem[],
): Header | undefined {
  let meta: FrontMatter = {};
  let id: string | undefined;
  let idLine = 1;
  let rawTitle: unknown;
  let yamlBroken = false;
  let bodyStart = 0;
  if (lines[0]?.trimEnd() === "---") {
    const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (close < 0) {
      problems.push({ file: file.path, line: 1, message: "front matter has no closing --- line" });
      return undefined;
    }
    const yaml = parseYaml(lines.slice(1, close).join("\n"), file.path, 2);
    problems.push(...yaml.problems);
    yamlBroken = yaml.problems.length > 0;
    const raw = yaml.value ?? {};
    const checked = checkSchema(frontMatterSchema, raw, yaml.root, yaml, file.path, "front matter");
    problems.push(...checked.problems);
    meta = checked.data ?? {};
    // Front matter with problems still names the article, so that facts citing it are checked.
    const { id: rawId, title } = raw as { id?: unknown; title?: unknown };
    rawTitle = title;
    if (typeof rawId === "string") {
      id = rawId;
      idLine = yaml.lineOf(nodeAt(yaml.root, ["id"]));
    }
    bodyStart = close + 1;
  }
  const { heading, paragraphs } = readMarkdownBody(lines, bodyStart);
  const title = nonEmpty(meta.title) ?? nonEmpty(rawTitle) ?? nonEmpty(heading);
  if (title === undefined && !yamlBroken) {
    const message = "article has no title: add title to the front matter or start with a # heading";
    problems.push({ file: file.path, line: 1, message });
  }
  return { id: id ?? idFromFileName(file, problems), idLine, title: title ?? "", meta, paragraphs };
}

/** The file name as id; the front matter's id is checked by the schema instead. */
function idFromFileName(file: KnowledgeFile, problems: Problem[]): string {
  const id = fileStem(file.rel);
  if (!ID_PATTERN.test(id)) {
    const message = `article id "${id}" must not contain spaces or #: rename the file or set id in front matter`;
    problems.push({ file: file.path, line: 1, message });
  }
  return id;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function buildArticle(file: KnowledgeFile, header: Header): Article {
  const { id, meta } = header;
  const passages = header.paragraphs.map((p, i) => ({
    id: `${id}#${i + 1}`,
    articleId: id,
    n: i + 1,
    text: p.text,
    line: p.line,
  }));
  return {
    id,
    title: header.title,
    ...(meta.source === undefined ? {} : { source: meta.source }),
    ...(meta.url === undefined ? {} : { url: meta.url }),
    ...(meta.published === undefined ? {} : { published: meta.published }),
    tags: meta.tags ?? [],
    file: file.rel,
    lead: firstSentence(passages[0]?.text ?? ""),
    hash: sha256(file.text),
    passages,
  };
}
