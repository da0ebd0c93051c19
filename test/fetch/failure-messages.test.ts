import { describe, expect, it } from "vitest";
import { explainFetchFailure, FETCH_FAILURE_MESSAGES } from "../../src/fetch/failure-messages.ts";
import { createSafeFetch } from "../../src/fetch/safe-fetch.ts";

describe("what a person is told when a fetch fails", () => {
  it("is one plain sentence a kind, each kind its own", () => {
    const sentences = Object.values(FETCH_FAILURE_MESSAGES);
    expect(new Set(sentences).size).toBe(sentences.length);
    for (const sentence of sentences) expect(sentence).toMatch(/^That [^.!?]+$/);
  });

  it("is the same whichever check refused the address, and names none of them", async () => {
    const safeFetch = createSafeFetch({
      lookup: async () => [{ address: "192.168.1.20", family: 4 }],
    });
    const urls = ["http://news.test:8080/", "http://[::1]/", "http://router.test/"];
    const failures = await Promise.all(urls.map((url) => safeFetch({ url, accept: ["html"] })));
    const details = failures.map((r) => (r.ok ? "" : r.failure.detail));
    expect(new Set(details).size).toBe(urls.length);
    for (const result of failures) {
      expect(!result.ok && explainFetchFailure(result.failure.kind)).toBe(
        "That address is not allowed",
      );
    }
  });
});
