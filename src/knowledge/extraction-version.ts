/**
 * Part of the knowledge hash: bump it whenever the patterns of extract-facts.ts change, so that
 * indexes persisted for the old extracted facts are rebuilt. In a module of its own: a start from
 * the persisted index checks it without importing the extractors.
 */
export const EXTRACTION_VERSION = 4;
