import { createHmac, randomBytes } from "node:crypto";

/**
 * Who asked, as the question log keeps it: `<salt id>.<hash>`, the HMAC-SHA256 of the Slack
 * user id under a secret salt, cut to 64 bits. Enough to count different people among a
 * workspace's askers (a collision needs billions of them), useless for finding out who they are
 * without the salt. The salt id says which salt made a hash: after the salt changes, old hashes
 * can no longer be matched to new ones, and the digest ignores them rather than counting one
 * person twice.
 */
export interface AskerHasher {
  saltId: string;
  hash(userId: string): string;
}

const HASH_HEX = 16;
const SALT_ID_HEX = 8;
/**
 * Hashes kept per user id: an answer hashes its asker twice (paging state and the question log),
 * and an HMAC costs more than the rest of the log entry. A workspace's askers fit; past this
 * many, the memo starts over rather than grow.
 */
const MEMO_LIMIT = 10_000;

export function createAskerHasher(salt: string): AskerHasher {
  const mac = (text: string) => createHmac("sha256", salt).update(text).digest("hex");
  const saltId = mac("iranpak question salt id").slice(0, SALT_ID_HEX);
  const memo = new Map<string, string>();
  return {
    saltId,
    hash(userId) {
      let hashed = memo.get(userId);
      if (hashed === undefined) {
        if (memo.size >= MEMO_LIMIT) memo.clear();
        hashed = `${saltId}.${mac(`slack user ${userId}`).slice(0, HASH_HEX)}`;
        memo.set(userId, hashed);
      }
      return hashed;
    },
  };
}

/** A fresh secret salt: 32 random bytes as hex. */
export function generateSalt(): string {
  return randomBytes(32).toString("hex");
}

/** The salt id a hash was made with. */
export function saltIdOf(asker: string): string {
  return asker.slice(0, asker.indexOf("."));
}
