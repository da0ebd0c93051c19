import { describe, expect, it } from "vitest";
import { describeTarget, parseAllowList } from "../../src/fetch/allow-list.ts";

const exempts = (entries: string[], url: string) => {
  const target = describeTarget(new URL(url));
  if (target === undefined) throw new Error(`no target for ${url}`);
  return parseAllowList(entries).exempts(target);
};

describe("the allow list", () => {
  it("is empty by default: nothing is exempt", () => {
    expect(exempts([], "http://127.0.0.1/")).toBe(false);
  });

  it("exempts a host on the default ports of both schemes, not on another port", () => {
    expect(exempts(["wiki.corp"], "http://wiki.corp/page")).toBe(true);
    expect(exempts(["wiki.corp"], "https://wiki.corp/page")).toBe(true);
    expect(exempts(["wiki.corp"], "http://wiki.corp:8080/page")).toBe(false);
    expect(exempts(["wiki.corp"], "http://other.corp/")).toBe(false);
  });

  it("exempts host:port on that port only", () => {
    expect(exempts(["127.0.0.1:8080"], "http://127.0.0.1:8080/")).toBe(true);
    expect(exempts(["127.0.0.1:8080"], "http://127.0.0.1:8081/")).toBe(false);
    expect(exempts(["127.0.0.1:8080"], "http://127.0.0.1/")).toBe(false);
  });

  it("reads entries as URLs read hosts: case, odd IPv4 forms, brackets, a trailing dot", () => {
    expect(exempts(["WIKI.Corp"], "http://wiki.corp/")).toBe(true);
    expect(exempts(["0x7f.1:8080"], "http://127.0.0.1:8080/")).toBe(true);
    expect(exempts(["[::1]:8080"], "http://[0:0::1]:8080/")).toBe(true);
    expect(exempts(["wiki.corp."], "http://wiki.corp/")).toBe(true);
    expect(exempts([" wiki.corp ", ""], "http://wiki.corp/")).toBe(true);
  });

  it("treats a default port written out as the default port", () => {
    expect(exempts(["wiki.corp:443"], "https://wiki.corp/")).toBe(true);
    expect(exempts(["wiki.corp:80"], "https://wiki.corp/")).toBe(false);
  });

  it.each(["http://wiki.corp", "wiki.corp/path", "user@wiki.corp", "wiki.corp:0", "::1", "a b"])(
    "refuses the entry %j at startup",
    (entry) => {
      expect(() => parseAllowList([entry])).toThrow(/allow-list entry/);
    },
  );
});
