/**
 * Lines of a text read as a whole (a file on disk, not an open document): where each line
 * starts, and which line an offset is on. A line ends at `\n`, `\r\n` or a lone `\r`.
 */

/** The offset where each line starts; the first is 0. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** The 0-based line and character of an offset, given `lineStartsOf` the same text. */
export function positionOf(starts: ArrayLike<number>, offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}
