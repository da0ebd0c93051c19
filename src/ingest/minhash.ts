/**
 * MinHash over word shingles: the share of equal slots between two signatures estimates the
 * Jaccard similarity of their shingle sets. 64 slots of 16 bits: about ±0.06 at 0.7, and short
 * enough to keep in an article's front matter.
 */
export const MINHASH_SLOTS = 64;
/** Words per shingle: three keep two different stories on one subject apart. */
export const SHINGLE_WORDS = 3;

/** The signature of a text's words, as base64url; "" when it has too few words for a shingle. */
export function computeMinHash(words: readonly string[]): string {
  const shingles = new Set<string>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    shingles.add(words.slice(i, i + SHINGLE_WORDS).join(" "));
  }
  if (shingles.size === 0) return "";
  const mins = new Uint32Array(MINHASH_SLOTS).fill(0xffffffff);
  for (const shingle of shingles) {
    const h1 = fnv1a(shingle, 0x811c9dc5);
    const h2 = fnv1a(shingle, 0x01000193) | 1;
    // Slot i's hash is h1 + i·h2, mixed (double hashing): one pass over the text per shingle.
    for (let i = 0; i < MINHASH_SLOTS; i++) {
      const h = mix((h1 + Math.imul(i, h2)) >>> 0);
      if (h < (mins[i] as number)) mins[i] = h;
    }
  }
  const slots = new Uint16Array(MINHASH_SLOTS);
  for (let i = 0; i < MINHASH_SLOTS; i++) slots[i] = (mins[i] as number) & 0xffff;
  return Buffer.from(slots.buffer).toString("base64url");
}

/** A signature's slots; undefined when it is empty or malformed. */
export function decodeMinHash(signature: string): Uint16Array | undefined {
  const bytes = Buffer.from(signature, "base64url");
  if (bytes.length !== MINHASH_SLOTS * 2) return undefined;
  const slots = new Uint16Array(MINHASH_SLOTS);
  for (let i = 0; i < MINHASH_SLOTS; i++) {
    slots[i] = (bytes[2 * i] as number) | ((bytes[2 * i + 1] as number) << 8);
  }
  return slots;
}

function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's finaliser: spreads every input bit over the whole word. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
