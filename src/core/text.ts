/** Small text helpers every part of the core shares. */

/** Turns every run of whitespace (including line breaks) into one space and trims the ends. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
