import { afterAll, beforeAll, expect, test } from "vitest";
import { sample, scrape } from "../helpers/metrics-text.ts";
import { eventCallback, uniqueId } from "../helpers/payloads.ts";
import { commandForm, postSigned } from "../helpers/sign-request.ts";
import { type RunningSlackApp, startSlackApp } from "../helpers/slack-app.ts";

let run: RunningSlackApp;
let metricsUrl: string;

beforeAll(async () => {
  run = await startSlackApp();
  metricsUrl = `${run.baseUrl}/metrics`;
});
afterAll(() => run.stop());

const command = (text: string) =>
  postSigned(
    run.eventsUrl,
    commandForm({ command: "/iranpak", text, response_url: run.slack.responseUrl(uniqueId("r")) }),
  );

test("GET /metrics on the HTTP port reports the knowledge indexed", async () => {
  const body = await scrape(metricsUrl);
  const counts = run.knowledge.counts();
  expect(sample(body, "iranpak_knowledge_documents", { kind: "passages" })).toBe(counts.passages);
  expect(sample(body, "iranpak_knowledge_documents", { kind: "facts" })).toBe(counts.facts);
  expect(sample(body, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
});

test("a signed slash command moves the question, latency and request counters", async () => {
  const before = await scrape(metricsUrl);
  const answer = await command("pipeline");
  expect(answer.body).toContain("2,775");
  const nothing = await command("quantum chromodynamics lattice");
  expect(nothing.status).toBe(200);
  const after = await scrape(metricsUrl);

  const moved = (name: string, labels: Record<string, string> = {}) =>
    (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
  expect(moved("iranpak_questions_total", { confidence: "direct" })).toBe(1);
  expect(moved("iranpak_questions_total", { confidence: "none" })).toBe(1);
  expect(moved("iranpak_answer_duration_seconds_count")).toBe(2);
  expect(moved("iranpak_slack_requests_total", { kind: "command", outcome: "direct" })).toBe(1);
  expect(moved("iranpak_slack_requests_total", { kind: "command", outcome: "none" })).toBe(1);
  expect(moved("iranpak_slack_request_duration_seconds_count", { kind: "command" })).toBe(2);
});

test("each request is logged once with its kind, outcome and time; the question only at debug", async () => {
  const question = "when was the gas pipeline due";
  const from = run.logger.lines.length;
  await command(question);
  const handled = () =>
    run.logger.lines.slice(from).filter((l) => l.text.startsWith("handled command"));
  await expect.poll(() => handled().length).toBe(1);
  expect(handled()[0]).toEqual({
    level: "info",
    text: expect.stringMatching(
      /^handled command \/iranpak(?: in \w+)? \(kind=command outcome=direct ms=[\d.]+\)$/,
    ),
  });
  expect(run.logger.text("info")).not.toContain(question);
  expect(run.logger.text("debug")).toContain(`question "${question}": `);
});

test("a Web API error is counted by method and Slack's code", async () => {
  const channel = uniqueId("C0METRIC");
  run.slack.fail("chat.postMessage", { error: "not_in_channel" }, { channel, times: 2 });
  const before = await scrape(metricsUrl);
  const mention = eventCallback({
    type: "app_mention",
    user: "U05LM8N2PQR",
    text: "<@U08BOTIRPK> border",
    ts: "1732610400.000100",
    channel,
  });
  expect((await postSigned(run.eventsUrl, mention)).status).toBe(200);
  const labels = { method: "chat.postMessage", code: "not_in_channel" };
  const counted = async () =>
    (sample(await scrape(metricsUrl), "iranpak_slack_api_errors_total", labels) ?? 0) -
    (sample(before, "iranpak_slack_api_errors_total", labels) ?? 0);
  await expect.poll(counted, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
  await expect
    .poll(() => run.logger.text("info"))
    .toMatch(/handled event app_mention \S+ in C0METRIC\d+ \(kind=event outcome=error ms=/);
});
