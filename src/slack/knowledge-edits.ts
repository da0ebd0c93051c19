import type { AddArticle, AddRequest } from "../ingest/add-types.ts";
import type { ArticleStore } from "../ingest/article-store.ts";
import { describeAddOutcome } from "../ingest/describe-outcome.ts";
import type { RemoveArticle } from "../ingest/remove-article.ts";
import type { RateLimit } from "../util/rate-limit.ts";
import type { SlackDeps } from "./deps.ts";
import { context, type SlackMessage, section } from "./render/blocks.ts";
import { fitMessage } from "./render/limits.ts";
import { escapeMrkdwn } from "./render/mrkdwn.ts";
import { renderNotice } from "./render/notice-blocks.ts";

/** Adding and removing articles from Slack: the pipeline, and who may use it how often. */
export interface KnowledgeEditing {
  add: AddArticle;
  remove: RemoveArticle;
  /** KNOWLEDGE_EDITORS: empty, anyone adds and workspace admins remove. */
  editors: readonly string[];
  /** Adds per person per minute (salted hash keys). */
  addLimit: RateLimit;
  /** The added articles, for the list of recent hand adds in `/iranpak sources`. */
  articles: Pick<ArticleStore, "list">;
}

export const EDIT_NOTICES = {
  notConfigured: "Adding knowledge is not set up on this bot.",
  noUrl: "Give the article's address: `/iranpak add https://…`",
  noTarget: "Give the article's id or address: `/iranpak remove <article id or url>`",
  tooMany: "That is 10 articles in a minute: please wait a moment before adding more.",
  notFound: "No added article has that id or address (only added articles can be removed).",
} as const;

/** Whether `user` may add: anyone, unless KNOWLEDGE_EDITORS names who may. */
export function mayAdd(editing: KnowledgeEditing, user: string): boolean {
  return editing.editors.length === 0 || editing.editors.includes(user);
}

/** Whether `user` may remove: KNOWLEDGE_EDITORS, or workspace admins when it is empty. */
export async function mayRemove(
  deps: SlackDeps,
  editing: KnowledgeEditing,
  user: string,
): Promise<boolean> {
  if (editing.editors.length > 0) return editing.editors.includes(user);
  return (await deps.isWorkspaceAdmin?.(user)) ?? false;
}

/** "Adding <url>…", shown at once while the page is fetched. */
export function addingNotice(text: string): SlackMessage {
  const url = text.trim();
  return renderNotice(url === "" ? EDIT_NOTICES.noUrl : `Adding ${url}…`);
}

/** Adds one article for `user` (permission and rate limit first), as a reply. */
export async function addOne(
  deps: SlackDeps,
  user: string,
  request: Omit<AddRequest, "origin"> & { origin?: AddRequest["origin"] },
): Promise<string> {
  const editing = deps.editing;
  if (editing === undefined) return EDIT_NOTICES.notConfigured;
  if (!mayAdd(editing, user)) return "Only the people in KNOWLEDGE_EDITORS can add articles.";
  const addedBy = deps.hashUser(user);
  if (!editing.addLimit.take(addedBy)) return EDIT_NOTICES.tooMany;
  const outcome = await editing.add({
    ...request,
    origin: request.origin ?? { kind: "hand", addedBy },
  });
  return describeAddOutcome(outcome, (deps.now ?? (() => new Date()))());
}

/**
 * `/iranpak add <url>`. The address is read from Slack's own link token where there is one
 * (`rawText`): a link typed without its scheme arrives as `<http://dawn.com/x|dawn.com/x>`,
 * whose label alone is no address.
 */
export async function addMessage(
  deps: SlackDeps,
  user: string,
  text: string,
  rawText = text,
): Promise<SlackMessage> {
  const url = linksIn(rawText)[0] ?? text.trim().split(/\s+/)[0] ?? "";
  if (url === "") return renderNotice(EDIT_NOTICES.noUrl);
  return renderReplies([await addOne(deps, user, { url })]);
}

/** `/iranpak remove <article id or url>`: editors only; gone from every answer once it returns. */
export async function removeMessage(
  deps: SlackDeps,
  user: string,
  text: string,
): Promise<SlackMessage> {
  const editing = deps.editing;
  if (editing === undefined) return renderNotice(EDIT_NOTICES.notConfigured);
  const target = text.trim();
  if (target === "") return renderNotice(EDIT_NOTICES.noTarget);
  if (!(await mayRemove(deps, editing, user))) {
    const who = editing.editors.length > 0 ? "the people in KNOWLEDGE_EDITORS" : "workspace admins";
    return renderNotice(`Only ${who} can remove articles.`);
  }
  const removed = await editing.remove(target);
  if (removed === undefined) return renderNotice(EDIT_NOTICES.notFound);
  deps.logger.info(`article removed: ${removed.summary.id}`);
  return renderReplies([
    `Removed “${removed.summary.title}” (${removed.summary.id}): it is no longer in any answer, and will not be added again.`,
  ]);
}

/** One line per reply, every word escaped: titles and publishers come from fetched pages. */
export function renderReplies(lines: readonly string[]): SlackMessage {
  const escaped = lines.map(escapeMrkdwn);
  return fitMessage({
    text: escaped.join("\n"),
    blocks: escaped.length === 1 ? [section(escaped[0] ?? "")] : escaped.map((l) => context(l)),
  });
}

/** The links in Slack text (`<https://…>` and `<https://…|label>` as Slack sends them), once each. */
export function linksIn(text: string): string[] {
  const links = [...text.matchAll(/<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>/g)].map((m) =>
    (m[1] ?? "").replace(/&amp;/g, "&"),
  );
  return [...new Set(links)];
}
