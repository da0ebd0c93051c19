/**
 * A set of whole numbers below `size` that empties at once: a member holds the current stamp,
 * and emptying moves the stamp on. For sets filled and emptied many times a question over the
 * same range (documents, a question's terms), where a `Set` a time would be garbage.
 */
export class StampSet {
  private readonly stamps: Uint32Array;
  private stamp = 1;

  constructor(size: number) {
    this.stamps = new Uint32Array(size);
  }

  /** A bound function, to pass where a predicate is wanted. */
  readonly has = (n: number): boolean => this.stamps[n] === this.stamp;

  add(n: number): void {
    this.stamps[n] = this.stamp;
  }

  /** Adds `n`, and says whether it was not in yet. */
  addNew(n: number): boolean {
    if (this.stamps[n] === this.stamp) return false;
    this.stamps[n] = this.stamp;
    return true;
  }

  clear(): void {
    this.stamp++;
    // Past the largest stamp the array holds, old stamps could come round again.
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }
}
