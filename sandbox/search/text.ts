/**
 * Text normalisation shared by the search index and the query parser: lower case, every run of
 * characters that is not a letter or digit becomes one space, and the result is padded with a space
 * on both sides so "starts a word" is `includes(' ' + term)` and "whole word" adds a trailing space.
 */
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

export function normalize(text: string): string {
  const core = text.toLowerCase().replace(SEPARATORS, ' ').trim();
  return core ? ` ${core} ` : ' ';
}

/** The normalised phrase without padding ('' when the value has no letters or digits). */
export function normalizeTerm(text: string): string {
  return normalize(text).trim();
}
