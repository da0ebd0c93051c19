/** Marks a key the changes removed from the base. */
const GONE: unique symbol = Symbol("gone");

/**
 * A map that a change copies only in part: a base shared by every map made from it, and the
 * changes laid over it, folded into a new base once they grow past a share of it. What an
 * index grown by segments keeps besides them (spellings, dead words, its documents by id)
 * grows with every change, and copying it whole for each added article made garbage (and
 * work) that grew with the additions.
 */
export class LayeredMap<V> {
  private constructor(
    private readonly base: ReadonlyMap<string, V>,
    private readonly top: ReadonlyMap<string, V | typeof GONE>,
  ) {}

  static of<V>(entries: Iterable<readonly [string, V]> = []): LayeredMap<V> {
    return new LayeredMap(new Map(entries), new Map());
  }

  /** Changes to come over `base`, which is shared, not copied: it must not change. */
  static over<V>(base: ReadonlyMap<string, V>): LayeredMap<V> {
    return new LayeredMap(base, new Map());
  }

  has(key: string): boolean {
    const value = this.top.get(key);
    if (value !== undefined || this.top.has(key)) return value !== GONE;
    return this.base.has(key);
  }

  get(key: string): V | undefined {
    return readLayers(this.top, this.base, key);
  }

  *entries(): Generator<[string, V]> {
    for (const [key, value] of this.base) if (!this.top.has(key)) yield [key, value];
    for (const [key, value] of this.top) if (value !== GONE) yield [key, value];
  }

  *keys(): Generator<string> {
    for (const [key] of this.entries()) yield key;
  }

  /** A copy to change: only the changes so far are copied, the base is shared. */
  edit(): LayeredMapEdit<V> {
    const top = new Map(this.top);
    const { base } = this;
    return {
      get: (key) => readLayers(top, base, key),
      set: (key, value) => {
        top.set(key, value);
      },
      delete: (key) => {
        if (base.has(key)) top.set(key, GONE);
        else top.delete(key);
      },
      done: () => {
        if (top.size <= Math.max(MIN_FOLDED, base.size / FOLD_SHARE)) {
          return new LayeredMap(base, top);
        }
        return LayeredMap.of(new LayeredMap(base, top).entries());
      },
    };
  }
}

/** A key's value in the changes if they hold it (or removed it), else in the base. */
function readLayers<V>(
  top: ReadonlyMap<string, V | typeof GONE>,
  base: ReadonlyMap<string, V>,
  key: string,
): V | undefined {
  // Most maps have no changes over their base (an index not grown since it loaded): one lookup.
  if (top.size === 0) return base.get(key);
  const value = top.get(key);
  if (value !== undefined || top.has(key)) return value === GONE ? undefined : value;
  return base.get(key);
}

/** A `LayeredMap` being changed; `done` makes the changed map (the one edited is unchanged). */
export interface LayeredMapEdit<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  done(): LayeredMap<V>;
}

/** Changes kept over the base before they are folded into a new one, at least. */
const MIN_FOLDED = 1_024;
/** Past this fraction of the base, the changes are folded in: each change copies at most it. */
const FOLD_SHARE = 8;
