type GrowableArray = Uint32Array | Uint16Array | Int32Array;

/** A copy of `array` twice as long: for typed arrays filled to a length not known up front. */
export function grown<T extends GrowableArray>(array: T): T {
  const copy = new (array.constructor as new (length: number) => T)(array.length * 2);
  copy.set(array);
  return copy;
}
