import type { AnyFeed } from "feedsmith";

/**
 * Each feed format's fields, mapped to one shape before any text is cleaned. Which field wins
 * where a format has several (Atom's `published` over `updated`, `content:encoded` over
 * `description`) is decided here and nowhere else.
 */

/** Markup as the feed declares it: `html` is parsed, `text` is taken as it is. */
export interface RawText {
  kind: "html" | "text";
  value: string;
}

export interface RawItem {
  guid?: string;
  link?: string;
  title?: RawText;
  published?: string;
  author?: string;
  /** The fullest body first: the one most likely to be the whole article. */
  bodies: RawText[];
}

export interface RawFeed {
  title?: RawText;
  siteUrl?: string;
  items: RawItem[];
}

type RssFeed = Extract<AnyFeed, { format: "rss" }>["feed"];
type RssItem = NonNullable<RssFeed["items"]>[number];
type AtomFeed = Extract<AnyFeed, { format: "atom" }>["feed"];
type AtomEntry = NonNullable<AtomFeed["entries"]>[number];
type AtomLink = NonNullable<AtomEntry["links"]>[number];
type AtomText = { value?: string; type?: string };
type RdfFeed = Extract<AnyFeed, { format: "rdf" }>["feed"];
type RdfItem = NonNullable<RdfFeed["items"]>[number];
type JsonFeed = Extract<AnyFeed, { format: "json" }>["feed"];
type JsonItem = NonNullable<JsonFeed["items"]>[number];

export function readFormat(parsed: AnyFeed): RawFeed {
  switch (parsed.format) {
    case "rss":
      return {
        title: html(parsed.feed.title),
        siteUrl: parsed.feed.link,
        items: (parsed.feed.items ?? []).map(readRssItem),
      };
    case "rdf":
      return {
        title: html(parsed.feed.title),
        siteUrl: parsed.feed.link,
        items: (parsed.feed.items ?? []).map(readRdfItem),
      };
    case "atom":
      return {
        title: atomText(parsed.feed.title),
        siteUrl: alternateLink(parsed.feed.links),
        items: (parsed.feed.entries ?? []).map(readAtomEntry),
      };
    case "json":
      return {
        title: text(parsed.feed.title),
        siteUrl: parsed.feed.home_page_url,
        items: (parsed.feed.items ?? []).map(readJsonItem),
      };
  }
}

function readRssItem(item: RssItem): RawItem {
  return {
    guid: item.guid?.value,
    link: item.link ?? (item.guid?.isPermaLink !== false ? item.guid?.value : undefined),
    title: html(item.title),
    published: item.pubDate ?? item.dc?.dates?.[0],
    author: item.dc?.creators?.[0] ?? item.authors?.[0]?.name,
    bodies: present([html(item.content?.encoded), html(item.description)]),
  };
}

function readRdfItem(item: RdfItem): RawItem {
  return {
    guid: item.rdf?.about,
    link: item.link,
    title: html(item.title),
    published: item.dc?.dates?.[0],
    author: item.dc?.creators?.[0],
    bodies: present([html(item.content?.encoded), html(item.description)]),
  };
}

function readAtomEntry(entry: AtomEntry): RawItem {
  return {
    guid: entry.id,
    link: alternateLink(entry.links),
    title: atomText(entry.title),
    published: entry.published ?? entry.updated,
    author: entry.authors?.[0]?.name,
    bodies: present([atomText(entry.content), atomText(entry.summary)]),
  };
}

function readJsonItem(item: JsonItem): RawItem {
  return {
    guid: item.id,
    link: item.url ?? item.external_url,
    title: text(item.title),
    published: item.date_published ?? item.date_modified,
    author: item.authors?.[0]?.name,
    bodies: present([html(item.content_html), text(item.content_text), text(item.summary)]),
  };
}

/** The link a person would open: `rel="alternate"`, or no `rel` at all (Atom's default). */
function alternateLink(links: readonly AtomLink[] | undefined): string | undefined {
  return links?.find((link) => link.rel === undefined || link.rel === "alternate")?.href;
}

/** Atom says how its text is marked up; only `type="text"` (the default) is plain. */
function atomText(value: AtomText | undefined): RawText | undefined {
  if (value?.value === undefined) return undefined;
  return {
    kind: value.type === "html" || value.type === "xhtml" ? "html" : "text",
    value: value.value,
  };
}

// RSS and RDF say nothing of their markup, and publishers put HTML (often escaped) in titles
// as in descriptions: reading every field as HTML is what feed readers do.
function html(value: string | undefined): RawText | undefined {
  return value === undefined ? undefined : { kind: "html", value };
}

function text(value: string | undefined): RawText | undefined {
  return value === undefined ? undefined : { kind: "text", value };
}

function present(values: (RawText | undefined)[]): RawText[] {
  return values.filter((value): value is RawText => value !== undefined);
}
