import { z } from "zod";

/** Ids become part of passage ids and `source` references, so they cannot hold `#` or spaces. */
export const ID_PATTERN = /^[^\s#]+$/;
const ID_RULE = "must not be empty or contain spaces or #";

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const YEAR_MONTH_OR_DAY = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
/** `<article-id>#<paragraph>`, paragraphs counted from 1. */
export const SOURCE_PATTERN = /^([^\s#]+)#([1-9]\d*)$/;

const text = z.string().trim().min(1, "must not be empty");
const id = z.string().regex(ID_PATTERN, ID_RULE);
const tags = z.array(text);

/** Front matter of a `.md` article. */
export const frontMatterSchema = z.strictObject({
  id: id.optional(),
  title: text.optional(),
  source: text.optional(),
  url: z.url("must be a valid URL").optional(),
  published: z
    .string("must be a date YYYY-MM-DD")
    .regex(DAY, "must be a date YYYY-MM-DD")
    .optional(),
  tags: tags.optional(),
  // Written for articles added by URL (src/ingest/article-file.ts).
  author: text.optional(),
  fetched: z.iso.datetime({ offset: true, error: "must be a date and time, ISO 8601" }).optional(),
  added_by: text.optional(),
  text_hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "must be 64 hex digits")
    .optional(),
  minhash: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "must be base64url")
    .optional(),
});

/**
 * One entry of a `facts/*.yml` file. `value` and `as_of` arrive as the text written in the file
 * even when YAML reads them as numbers (see parse-facts.ts), so `1.50` stays `1.50`.
 */
export const factSchema = z.strictObject({
  id: id.optional(),
  subject: text,
  attribute: text,
  value: z.string("must be text or a number").trim().min(1, "must not be empty"),
  unit: text.optional(),
  as_of: z
    .string("must be YYYY, YYYY-MM or YYYY-MM-DD")
    .regex(YEAR_MONTH_OR_DAY, "must be YYYY, YYYY-MM or YYYY-MM-DD")
    .optional(),
  source: z.string().regex(SOURCE_PATTERN, 'must be "<article-id>#<paragraph>"'),
  quote: text,
  tags: tags.optional(),
});

/** One group of `aliases.yml`: names that mean the same thing, canonical name first. */
export const aliasGroupSchema = z.array(text, "must be a list of names").min(2, {
  error: "must list at least two names",
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type FactEntry = z.infer<typeof factSchema>;
