/** Small text helpers every part of the core shares. */

/** Whitespace that `collapseWhitespace` would change: anything but a single plain space. */
const UNTIDY = /[^\S ]| {2}/;

/** Turns every run of whitespace (including line breaks) into one space and trims the ends. */
export function collapseWhitespace(text: string): string {
  // Most text is single-spaced already; testing first skips a replace that would rewrite every
  // space, which costs real time over the 50,000 titles and abstracts of a large library.
  return (UNTIDY.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
}
