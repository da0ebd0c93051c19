/** Feed documents for the feed tests, built from a few Pakistan–Iran news items. */

export interface FixtureItem {
  guid?: string;
  link?: string;
  title?: string;
  /** ISO 8601. */
  published?: string;
  author?: string;
  /** HTML. */
  summary?: string;
  /** HTML of the whole article, when the feed carries it. */
  content?: string;
}

export const PIPELINE: FixtureItem = {
  guid: "dawn-1001",
  link: "https://news.example/2026/12/01/gas-pipeline-talks",
  title: "Pakistan and Iran resume talks on the gas pipeline",
  published: "2026-12-01T08:00:00Z",
  author: "Ayesha Khan",
  summary:
    "<p>Officials met in Tehran to discuss the <b>stalled</b> pipeline &amp; its penalties.</p>",
};

export const BORDER: FixtureItem = {
  guid: "dawn-1002",
  link: "https://news.example/2026/12/02/border-markets",
  title: "New border markets open at Taftan",
  published: "2026-12-02T09:30:00Z",
  author: "Bilal Ahmed",
  summary: "<p>Three markets opened along the 959 km border.</p>",
};

export const TRADE: FixtureItem = {
  guid: "dawn-1003",
  link: "https://news.example/2026/12/03/barter-trade",
  title: "Barter trade rules eased for rice and fruit",
  published: "2026-12-03T07:15:00Z",
  summary: "<p>The commerce ministry widened the barter list.</p>",
};

/** Paragraphs of a full article, as a feed carrying whole articles sends them. */
export const FULL_ARTICLE_PARAGRAPHS = [
  "Pakistan and Iran agreed on Tuesday to raise bilateral trade to $10 billion within five years, officials from both sides said after two days of talks in Islamabad.",
  "The agreement covers barter trade in rice, fruit and petroleum products, six new border markets and a joint committee on electricity imports for Balochistan.",
  "Both delegations also discussed security along the 959 km border, where smuggling and militant attacks have strained relations in recent years.",
  "The Iran–Pakistan gas pipeline, which Iran says it has built on its side, was not part of the announcement; officials said talks on it would continue next month.",
  "Traders in Quetta welcomed the border markets, saying that formal crossings would cut the cost of moving goods that now travel through informal routes.",
  "The joint committee is due to meet again in Tehran in March to review progress on the trade target and on the electricity line to Gwadar.",
];

export const FULL_ARTICLE: FixtureItem = {
  guid: "wire-77",
  link: "https://wire.example/stories/trade-target",
  title: "Pakistan, Iran set $10bn trade target",
  published: "2026-12-04T12:00:00Z",
  summary: "<p>A new trade target and six border markets.</p>",
  content: FULL_ARTICLE_PARAGRAPHS.map((paragraph) => `<p>${escapeXml(paragraph)}</p>`).join("\n"),
};

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function element(name: string, value: string | undefined): string {
  return value === undefined ? "" : `<${name}>${escapeXml(value)}</${name}>`;
}

export function rssFeed(items: readonly FixtureItem[], title = "Dawn: Pakistan–Iran"): string {
  const entries = items.map(
    (item) => `<item>
      ${element("title", item.title)}
      ${element("link", item.link)}
      ${item.guid === undefined ? "" : `<guid isPermaLink="false">${escapeXml(item.guid)}</guid>`}
      ${element("pubDate", item.published === undefined ? undefined : new Date(item.published).toUTCString())}
      ${element("dc:creator", item.author)}
      ${element("description", item.summary)}
      ${element("content:encoded", item.content)}
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    ${element("title", title)}
    <link>https://news.example/</link>
    <description>Pakistan–Iran relations</description>
    ${entries.join("\n")}
  </channel>
</rss>`;
}

export function atomFeed(items: readonly FixtureItem[], title = "Wire: South Asia"): string {
  const entries = items.map(
    (item) => `<entry>
      ${element("id", item.guid)}
      <title type="text">${escapeXml(item.title ?? "")}</title>
      ${item.link === undefined ? "" : `<link rel="alternate" href="${escapeXml(item.link)}"/>`}
      ${element("published", item.published)}
      <updated>${item.published ?? "2026-12-01T00:00:00Z"}</updated>
      ${item.author === undefined ? "" : `<author><name>${escapeXml(item.author)}</name></author>`}
      ${item.summary === undefined ? "" : `<summary type="html">${escapeXml(item.summary)}</summary>`}
      ${item.content === undefined ? "" : `<content type="html">${escapeXml(item.content)}</content>`}
    </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${escapeXml(title)}</title>
  <id>urn:wire:south-asia</id>
  <updated>2026-12-04T12:00:00Z</updated>
  <link rel="self" href="https://wire.example/feed.atom"/>
  <link rel="alternate" href="https://wire.example/"/>
  ${entries.join("\n")}
</feed>`;
}

export function jsonFeed(items: readonly FixtureItem[], title = "Tribune: Iran"): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title,
    home_page_url: "https://tribune.example/",
    feed_url: "https://tribune.example/feed.json",
    items: items.map((item) => ({
      id: item.guid,
      url: item.link,
      title: item.title,
      date_published: item.published,
      authors: item.author === undefined ? undefined : [{ name: item.author }],
      summary: item.summary?.replace(/<[^>]*>/g, ""),
      content_html: item.content ?? item.summary,
    })),
  });
}

export function rdfFeed(items: readonly FixtureItem[]): string {
  const entries = items.map(
    (item) => `<item rdf:about="${escapeXml(item.link ?? "")}">
      ${element("title", item.title)}
      ${element("link", item.link)}
      ${element("dc:date", item.published)}
      ${element("description", item.summary)}
    </item>`,
  );
  return `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/">
    <title>Old Portal</title>
    <link>https://old.example/</link>
    <description>An RSS 1.0 feed</description>
  </channel>
  ${entries.join("\n")}
</rdf:RDF>`;
}

/** `count` items, newest first, one a day back from December 2026. */
export function manyItems(count: number): FixtureItem[] {
  return Array.from({ length: count }, (_, index) => ({
    guid: `archive-${index}`,
    link: `https://news.example/archive/${index}`,
    title: `Pakistan–Iran story ${index}`,
    published: new Date(Date.UTC(2026, 11, 1) - index * 86_400_000).toISOString(),
    summary: `<p>Story ${index} on Pakistan and Iran.</p>`,
  }));
}

/** A feed whose XML breaks off inside an item. */
export const MALFORMED_RSS = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Broken</title>
<item><title>Pakistan and Iran <link>https://news.example/x</link></item>
</channel></rss>`;

/**
 * Billion laughs: ten levels of ten, so `&lol9;` is 10⁹ "lol"s (3 GB) if it were expanded.
 * Used in the title of the feed and of its one item.
 */
export const ENTITY_BOMB = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><link>https://bomb.example/</link>
<item><title>&lol9;</title><link>https://bomb.example/1</link><description>&lol9;</description></item>
</channel></rss>`;
