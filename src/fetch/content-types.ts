import type { ContentKind } from "./types.ts";

/**
 * The media types each kind of content arrives as: what `Accept` asks for and what is read.
 * RSS 1.0 feeds are RDF, served as `application/rdf+xml`.
 */
export const ACCEPTED_MEDIA_TYPES: Readonly<Record<ContentKind, readonly string[]>> = {
  html: ["text/html", "application/xhtml+xml"],
  text: ["text/plain"],
  feed: [
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
    "application/json",
  ],
};

export interface ContentType {
  /** Lower-cased, without parameters; "" when the header is absent or empty. */
  mediaType: string;
  charset: string | undefined;
}

export function parseContentType(header: string | undefined): ContentType {
  const [type = "", ...parameters] = (header ?? "").split(";");
  const charset = parameters
    .map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(p)?.[1])
    .find((c) => c !== undefined);
  return { mediaType: type.trim().toLowerCase(), charset };
}

export function acceptsMediaType(accept: readonly ContentKind[], mediaType: string): boolean {
  return accept.some((kind) => ACCEPTED_MEDIA_TYPES[kind].includes(mediaType));
}

/** The `Accept` header for what the caller will read. */
export function formatAcceptHeader(accept: readonly ContentKind[]): string {
  return [...new Set(accept.flatMap((kind) => ACCEPTED_MEDIA_TYPES[kind]))].join(", ");
}
