/** Finding the code repositories and project pages an abstract links to. */

// A URL runs until white space or a character that cannot stand in one unescaped. `{` and `}`
// end it too: one abstract in the bundled listing carries a LaTeX-style duplicate
// `https://a/b{https://a/b}` that must yield one clean link.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`{}|\\^]+/g;

// Sentence punctuation that follows a URL in prose but is never its last character.
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', '*', '_', '~']);

/**
 * Strips punctuation a sentence put after a URL, and closing brackets it did not open, one
 * character at a time from the end. Linear: the brackets are counted once and the counts kept
 * as closers go (counting again for each closer took 0.1 s for a URL inside 4,000 pairs of
 * parentheses, found by fuzzing).
 */
export function cleanUrl(raw: string): string {
  let parens = 0;
  let brackets = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x28) parens++;
    else if (c === 0x29) parens--;
    else if (c === 0x5b) brackets++;
    else if (c === 0x5d) brackets--;
  }
  // parens < 0: more `)` than `(` in what is left; likewise brackets.
  let end = raw.length;
  while (end > 0) {
    const c = raw.charAt(end - 1);
    if (TRAILING.has(c)) end--;
    else if (c === ')' && parens < 0) {
      end--;
      parens++;
    } else if (c === ']' && brackets < 0) {
      end--;
      brackets++;
    } else break;
  }
  return raw.slice(0, end);
}

/** The links in a text, cleaned, in order of first appearance, without duplicates. */
export function extractLinks(text: string): string[] {
  // Most abstracts hold no link: a search for what every link holds is quicker than the pattern's.
  if (!text.includes('://')) return [];
  const seen = new Set<string>();
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = cleanUrl(match[0]);
    if (/^https?:\/\/[^/]+\.[^/]+/.test(url)) seen.add(url);
  }
  return [...seen];
}

const CODE_HOSTS = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|huggingface\.co)\//;

/** The first link that points at source code (a repository host), if any. */
export function codeLink(links: readonly string[]): string | undefined {
  return links.find((l) => CODE_HOSTS.test(l) && !/huggingface\.co\/datasets\//.test(l));
}
