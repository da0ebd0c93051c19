import { type DomDocument, type DomElement, selectAll } from "./dom.ts";

/** Elements that never hold article text. */
const NEVER_TEXT =
  "script, style, noscript, template, iframe, object, embed, svg, canvas, video, audio, " +
  "picture, img, form, button, input, select, textarea, dialog, figure, figcaption";
/** Page furniture by element or ARIA role. */
const FURNITURE =
  "nav, aside, footer, header, [role=navigation], [role=banner], [role=contentinfo], " +
  "[role=complementary], [role=search], [role=dialog], [role=alertdialog], [role=menu], " +
  "[role=menubar], [role=toolbar], [hidden], [aria-hidden=true]";
/**
 * Words in a class, id, aria-label or data-component that mark furniture: menus, cookie and
 * consent banners, ads, related and recommended links, comments, share bars, newsletter boxes,
 * bylines and captions. Matched as whole tokens (`share-bar`, `ad_slot`, `cookie consent`).
 */
const FURNITURE_HINT = new RegExp(
  "(?:^|[\\s_-])(?:" +
    [
      "nav|navbar|menu|breadcrumbs?|skip|masthead|toolbar|pagination",
      "cookies?|consent|gdpr|cmp",
      "ads?|adv|advert\\w*|adslot|dfp|sponsor\\w*|promo\\w*|outbrain|taboola",
      "related|recommended|recommendations?|more|readmore|also|trending|popular|mostread|next",
      "comments?|disqus|respond|replies",
      "share|sharing|social|sharebar",
      "newsletter|subscribe|subscription|signup|paywall|modal|popup|overlay",
      "footer|sidebar|widget|rail",
      "byline|author|caption|credits?|tags?|topics|meta",
    ].join("|") +
    ")(?=$|[\\s_-])",
  "i",
);
const HINT_ATTRIBUTES = ["class", "id", "aria-label", "data-component", "data-module"];
const HIDDEN_STYLE = /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
/**
 * A hinted element holding more than this share of the page's text is the article
 * itself (`article has-share-bar`), not furniture, and stays.
 */
const MAX_FURNITURE_SHARE = 0.5;

/**
 * Removes page furniture before Readability runs, so that what it keeps of the body has no
 * share bar, newsletter box or "related" list left in it. Only general signals are used:
 * element names, ARIA roles, hidden state and the words sites use in class names and ids.
 */
export function removeFurniture(document: DomDocument): void {
  for (const element of selectAll(document, NEVER_TEXT)) element.remove();
  const body = document.body;
  if (body === null) return;
  const pageText = textLength(body);
  const candidates = [...selectAll(body, FURNITURE), ...selectAll(body, "*").filter(isHinted)];
  for (const element of candidates) {
    if (!element.parentElement) continue; // already gone with an ancestor
    if (textLength(element) > MAX_FURNITURE_SHARE * pageText) continue;
    element.remove();
  }
}

function isHinted(element: DomElement): boolean {
  if (/^(html|body|main)$/i.test(element.tagName)) return false;
  if (HIDDEN_STYLE.test(element.getAttribute("style") ?? "")) return true;
  const words = HINT_ATTRIBUTES.map((name) => element.getAttribute(name) ?? "").join(" ");
  return FURNITURE_HINT.test(splitCamelCase(words));
}

/** `relatedStories` → `related Stories`, so camel-cased class names match as tokens too. */
function splitCamelCase(text: string): string {
  return text.replace(/([a-z])([A-Z])/g, "$1 $2");
}

function textLength(root: DomElement): number {
  return (root.textContent ?? "").replace(/\s+/g, " ").length;
}
