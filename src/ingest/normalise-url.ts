import normalizeUrl from "normalize-url";

/** Query parameters that track the reader, not choose the page. */
const TRACKING_PARAMETERS = [
  /^utm_/i,
  /^(fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|_ga|_gl)$/i,
];
/** `?amp`, `?amp=1`, `?amp=true`, `?outputType=amp`: the AMP rendering of the same page. */
const AMP_QUERY = (key: string, value: string) =>
  (/^amp$/i.test(key) && /^(|1|true)$/i.test(value)) ||
  (/^outputtype$/i.test(key) && /^amp$/i.test(value));

/**
 * The address that identifies an article, for de-duplication and citation: tracking parameters,
 * fragments and AMP paths (`/amp/`, a trailing `/amp`, `.amp`, `?amp=1`) removed, query sorted,
 * host lower-cased, default port and trailing slash dropped. `www.` is kept: the result is also
 * the link a citation shows. An `amp.` host is left alone here; the page's canonical link says
 * where it belongs (see page-metadata.ts). Undefined for anything but an absolute http(s) URL.
 */
export function normaliseArticleUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  for (const [key, value] of [...parsed.searchParams]) {
    if (AMP_QUERY(key, value)) parsed.searchParams.delete(key, value);
  }
  parsed.pathname = removeAmpPath(parsed.pathname);
  return normalizeUrl(parsed.href, {
    stripHash: true,
    stripWWW: false,
    removeQueryParameters: TRACKING_PARAMETERS,
    removeSingleSlash: true,
  });
}

function removeAmpPath(pathname: string): string {
  return pathname
    .replace(/\/amp(?=\/|$)/gi, "")
    .replace(/\.amp(?=\.[a-z]+$|$)/i, "")
    .replace(/^$/, "/");
}
