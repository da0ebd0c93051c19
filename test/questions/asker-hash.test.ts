import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAskerHasher, saltIdOf } from "../../src/questions/asker-hash.ts";

describe("an asker hasher", () => {
  it("hashes a user id to the salt id and 64 bits of its HMAC under the salt", () => {
    const hasher = createAskerHasher("salt-a");
    const expected = createHmac("sha256", "salt-a").update("slack user U123").digest("hex");
    expect(hasher.hash("U123")).toBe(`${hasher.saltId}.${expected.slice(0, 16)}`);
    expect(saltIdOf(hasher.hash("U123"))).toBe(hasher.saltId);
  });

  it("gives a user the same hash however many other users were hashed in between", () => {
    const hasher = createAskerHasher("salt-a");
    const first = hasher.hash("U1");
    for (let i = 0; i < 12_000; i++) hasher.hash(`W${i}`);
    expect(hasher.hash("U1")).toBe(first);
  });

  it("gives different users, and the same user under another salt, different hashes", () => {
    const a = createAskerHasher("salt-a");
    const b = createAskerHasher("salt-b");
    expect(a.hash("U1")).not.toBe(a.hash("U2"));
    expect(a.hash("U1")).not.toBe(b.hash("U1"));
    expect(a.saltId).not.toBe(b.saltId);
  });
});
