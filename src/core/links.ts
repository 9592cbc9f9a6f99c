/** Finding the code repositories and project pages an abstract links to. */

// A URL runs until white space or a character that cannot stand in one unescaped. `{` and `}`
// end it too: one abstract in the bundled listing carries a LaTeX-style duplicate
// `https://a/b{https://a/b}` that must yield one clean link.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`{}|\\^]+/g;

// Sentence punctuation that follows a URL in prose but is never its last character.
const TRAILING = /[.,;:!?*_~]+$/;

/** Strips punctuation a sentence put after a URL, and closing brackets it did not open. */
export function cleanUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const before = url;
    url = url.replace(TRAILING, '');
    for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
      if (url.endsWith(close) && count(url, open) < count(url, close)) url = url.slice(0, -1);
    }
    if (url === before) return url;
  }
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/** The links in a text, cleaned, in order of first appearance, without duplicates. */
export function extractLinks(text: string): string[] {
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
