import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSafeFetch } from "../../src/fetch/safe-fetch.ts";
import { createArticleAdder } from "../../src/ingest/add-article.ts";
import { ADDED_FOLDER } from "../../src/ingest/article-store.ts";
import { createOffThreadExtractor } from "../../src/ingest/extract-off-thread.ts";
import { createArticleRemover } from "../../src/ingest/remove-article.ts";
import type { KnowledgeEditing } from "../../src/slack/knowledge-edits.ts";
import {
  ADD_NOTICES,
  SHORTCUT_ADD_MESSAGE,
} from "../../src/slack/listeners/shortcuts/add-to-knowledge.ts";
import { openArticleFiles } from "../../src/store/file/article-store.ts";
import { createRateLimit } from "../../src/util/rate-limit.ts";
import { type LocalWebServer, startLocalWebServer } from "../helpers/local-web-server.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import {
  type Json,
  slashCommandFields,
  socketModeEnvelopes,
  uniqueId,
} from "../helpers/payloads.ts";
import { commandForm, interactionForm, postSigned } from "../helpers/sign-request.ts";
import { postSlashCommand, type RunningSlackApp, startSlackApp } from "../helpers/slack-app.ts";
import { readPage } from "../ingest/pages.ts";

const EDITOR = "U0EDITOR1";
/** An editor of its own for the rate limit, whose minute no other test uses. */
const BUSY_EDITOR = "U0EDITOR2";
const shown = (message: unknown) => stringsIn(message).join("\n");
const extractor = createOffThreadExtractor();
let pages: LocalWebServer;
let root: string;

beforeAll(async () => {
  pages = await startLocalWebServer((req, res) => {
    const name = {
      "/chabahar": "blog-chabahar-gwadar",
      "/taftan": "microdata-taftan-pilgrims",
      "/makran": "divs-makran-electricity",
      "/gwadar": "main-gwadar-fishermen",
    }[new URL(req.url ?? "/", "http://x").pathname];
    if (name === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html" }).end(readPage(name));
  });
});
afterAll(async () => {
  await extractor.close();
  await pages.close();
});

/** A Slack app on loopback whose knowledge folder (a copy of the seed) takes added articles. */
async function startEditableApp(
  mode: "http" | "socket",
): Promise<RunningSlackApp & { addedFiles(): Promise<string[]> }> {
  root = await mkdtemp(join(tmpdir(), "iranpak-slack-add-"));
  const dir = join(root, "knowledge");
  await cp(resolve(import.meta.dirname, "../../knowledge"), dir, { recursive: true });
  const store = openArticleFiles({ folder: join(dir, ADDED_FOLDER), dataDir: join(root, "data") });
  let reload = async () => {};
  const add = createArticleAdder({
    store,
    fetch: createSafeFetch({ allowHosts: [pages.hostPort], timeoutMs: 2_000 }),
    extract: extractor.extract,
    onAdded: () => reload(),
  });
  const editing: KnowledgeEditing = {
    add,
    remove: createArticleRemover({ store, onRemoved: () => reload() }),
    editors: [EDITOR, BUSY_EDITOR],
    addLimit: createRateLimit({ limit: 10, windowMs: 60_000 }),
    articles: store,
  };
  const run = await startSlackApp({ mode, knowledgeDir: dir, deps: { editing } });
  reload = async () => void (await run.knowledge.reload());
  return {
    ...run,
    addedFiles: async () =>
      (await readdir(join(dir, ADDED_FOLDER)).catch(() => [])).filter((n) => n.endsWith(".md")),
    stop: async () => {
      await run.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

function messageAction(options: {
  text: string;
  channel: string;
  responseUrl: string;
  user?: string;
}): Json {
  return {
    type: "message_action",
    callback_id: SHORTCUT_ADD_MESSAGE,
    trigger_id: "7712345999001.6123456789012.0f0e0d0c0b0a",
    response_url: options.responseUrl,
    team: { id: "T0A1B2C3D4E", domain: "iranpak-lab" },
    channel: { id: options.channel, name: "research-desk" },
    user: { id: options.user ?? EDITOR, name: "parisa.k" },
    message_ts: "1732611000.000100",
    message: { type: "message", user: "U0COLLEAGUE", ts: "1732611000.000100", text: options.text },
    token: "XXYYZZ0123456789abcdefgh",
  };
}

describe("adding and removing knowledge over HTTP", () => {
  let run: Awaited<ReturnType<typeof startEditableApp>>;
  beforeAll(async () => {
    run = await startEditableApp("http");
    run.slack.reply("conversations.info", (call) =>
      call.body.channel === "C0PUBLIC1"
        ? {
            channel: {
              id: "C0PUBLIC1",
              name: "research-desk",
              is_channel: true,
              is_private: false,
            },
          }
        : {
            channel: {
              id: call.body.channel,
              name: "secret",
              is_channel: false,
              is_group: true,
              is_private: true,
            },
          },
    );
    run.slack.reply("chat.getPermalink", (call) => ({
      channel: call.body.channel,
      permalink: `https://iranpak-lab.slack.com/archives/${String(call.body.channel)}/p1732611000000100`,
    }));
  });
  afterAll(() => run.stop());

  const slash = async (text: string, user = EDITOR) => {
    const id = uniqueId("cmd");
    const res = await postSlashCommand(run, text, { user, responseId: id });
    expect(res.status).toBe(200);
    return {
      ack: res.json,
      reply: async () => (await run.slack.waitForResponse((r) => r.id === id, 10_000)).body,
    };
  };
  /** What the person is finally shown: the ack itself, or the reply that follows "Looking that up…". */
  const finalText = async (sent: Awaited<ReturnType<typeof slash>>) =>
    shown(sent.ack).includes("Looking that up") ? shown(await sent.reply()) : shown(sent.ack);
  const shortcut = async (text: string, channel: string) => {
    const id = uniqueId("add-shortcut");
    const res = await postSigned(
      run.eventsUrl,
      interactionForm(messageAction({ text, channel, responseUrl: run.slack.responseUrl(id) })),
    );
    expect(res.status).toBe(200);
    return (await run.slack.waitForResponse((r) => r.id === id, 10_000)).body;
  };

  test("/iranpak add acks at once, then answers with the article's title, publisher, paragraphs, facts and id; then it is answerable", async () => {
    const { ack, reply } = await slash(`add ${pages.origin}/chabahar`);
    expect(shown(ack)).toContain(`Adding ${pages.origin}/chabahar`);
    const text = shown(await reply());
    expect(text).toMatch(
      /Added “[^”]+” \([^)]+\): \d+ paragraphs, \d+ facts? extracted\. Its id is [a-z0-9-]+\./,
    );
    const id = /Its id is ([a-z0-9-]+)/.exec(text)?.[1] ?? "";
    const answer = run.knowledge.ask("Chabahar Gwadar ports");
    expect(answer.results.some((r) => r.citation.docId.startsWith(`${id}#`))).toBe(true);

    const again = shown(
      await (await slash(`add ${pages.origin}/chabahar?utm_source=slack`)).reply(),
    );
    expect(again).toMatch(/^Already in the knowledge as “.+” \(.+, added today\)$/m);
  });

  test("/iranpak add reads the address from Slack's link token when Slack labelled it without its scheme", async () => {
    const bare = `${pages.hostPort}/gwadar`;
    const { reply } = await slash(`add <http://${bare}|${bare}>`);
    expect(shown(await reply())).toMatch(/Added “/);
  });

  test("the shortcut turns a public channel's message into an article cited by its permalink", async () => {
    const text = shown(
      await shortcut(
        "Field note: traders at the Mand–Pishin crossing say the new barter rules let them exchange rice for Iranian cement without letters of credit, and trucks now wait two days instead of a week.",
        "C0PUBLIC1",
      ),
    );
    expect(text).toMatch(/Added “Field note: traders at the Mand–Pishin crossing/);
    expect(text).toContain("Slack #research-desk");
    const answer = run.knowledge.ask("Mand Pishin barter rice cement");
    expect(answer.results[0]?.citation.url).toBe(
      "https://iranpak-lab.slack.com/archives/C0PUBLIC1/p1732611000000100",
    );
  });

  test("the shortcut refuses a private channel's message text, adding nothing", async () => {
    const before = await run.addedFiles();
    const text = shown(
      await shortcut(
        "Confidential: the minister will resign on Friday, people close to him say.",
        "G0PRIVATE",
      ),
    );
    expect(text).toContain(ADD_NOTICES.notPublic);
    expect(await run.addedFiles()).toEqual(before);
  });

  test("the shortcut adds the links in a message, each with its own reply", async () => {
    const text = shown(
      await shortcut(
        `worth keeping: <${pages.origin}/taftan|Taftan> and <${pages.origin}/missing>`,
        "G0PRIVATE",
      ),
    );
    expect(text).toMatch(/\/taftan: Added “/);
    expect(text).toMatch(/\/missing: That page could not be reached/);
  });

  test("/iranpak remove: a non-editor is refused, an editor removes the article from every answer", async () => {
    const added = shown(await (await slash(`add ${pages.origin}/makran`)).reply());
    const id = /Its id is ([a-z0-9-]+)/.exec(added)?.[1] ?? "";
    const cites = () =>
      run.knowledge
        .ask("Makran electricity")
        .results.some((r) => r.citation.docId.startsWith(`${id}#`));
    expect(cites()).toBe(true);
    expect(await finalText(await slash(`remove ${id}`, "U0SOMEONE"))).toContain(
      "Only the people in KNOWLEDGE_EDITORS can remove articles.",
    );
    expect(cites()).toBe(true);
    expect(await finalText(await slash(`remove ${id}`))).toContain("Removed “");
    expect(cites()).toBe(false);
  });

  test("a non-editor can't add when KNOWLEDGE_EDITORS is set", async () => {
    const { reply } = await slash(`add ${pages.origin}/taftan`, "U0SOMEONE");
    expect(shown(await reply())).toContain(
      "Only the people in KNOWLEDGE_EDITORS can add articles.",
    );
  });

  test("an eleventh add in a minute is refused", async () => {
    const replies: string[] = [];
    for (let i = 0; i < 11; i++)
      replies.push(
        shown(await (await slash(`add ${pages.origin}/none-${i}`, BUSY_EDITOR)).reply()),
      );
    expect(replies.slice(0, 10).some((r) => r.includes("10 articles in a minute"))).toBe(false);
    expect(replies[10]).toContain("That is 10 articles in a minute");
  });

  test("a forged add (bad signature) is refused with 401 and adds nothing", async () => {
    const before = await run.addedFiles();
    const res = await postSigned(
      run.eventsUrl,
      commandForm({ ...slashCommandFields(), text: `add ${pages.origin}/taftan`, user_id: EDITOR }),
      { secret: "0000000000000000aaaaaaaaaaaaaaaa" },
    );
    expect(res.status).toBe(401);
    expect(await run.addedFiles()).toEqual(before);
  });
});

test("/iranpak add works in Socket Mode too", async () => {
  const run = await startEditableApp("socket");
  try {
    await run.socket?.waitForClient();
    const envelope = socketModeEnvelopes().slash_commands as Json;
    run.socket?.send({
      ...envelope,
      envelope_id: "env-add",
      payload: {
        ...(envelope.payload as Json),
        text: `add ${pages.origin}/taftan`,
        user_id: EDITOR,
        response_url: run.slack.responseUrl("socket-add"),
      },
    });
    const ack = await run.socket?.waitForAck("env-add");
    expect(shown(ack?.payload)).toContain("Adding");
    const reply = await run.slack.waitForResponse((r) => r.id === "socket-add", 10_000);
    expect(shown(reply.body)).toMatch(/Added “/);
  } finally {
    await run.stop();
  }
});
