/**
 * A library file read piece by piece from its UTF-8 bytes.
 *
 * Why: decoded as one string, a 70 MB library is one 140 MB string (two bytes a character as
 * soon as one character is outside Latin-1), and every title or abstract taken from it is a
 * slice that keeps all of it alive. Decoding each entry on its own gives small strings, one
 * byte a character where the entry allows, that only that entry's paper keeps: measured on
 * the 50k bench library, the merged papers held about 300 MB the first way. The pieces are cut
 * at ASCII characters (`@`, `{`, `,`), which never fall inside a multi-byte character, so the
 * pieces decode to exactly the text the whole file decodes to.
 */

export function toBytes(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? new TextEncoder().encode(input) : input;
}

/** A decoded piece of the file: its text, and where it starts as a UTF-16 offset and a 1-based line. */
export interface Piece {
  readonly text: string;
  readonly offset: number;
  readonly line: number;
}

/** Decodes consecutive byte ranges of a file, keeping count of UTF-16 offsets and lines. */
export class ByteCursor {
  private pos = 0;
  private offset = 0;
  private line = 1;
  // `ignoreBOM` keeps a byte-order mark as U+FEFF, as Node's `readFileSync(file, 'utf8')` does,
  // so offsets agree with the text an editor reads.
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(private readonly bytes: Uint8Array) {}

  /** Decodes the bytes from the current position up to `to` and moves past them. */
  take(to: number): Piece {
    const bytes = this.bytes;
    const text = this.decoder.decode(bytes.subarray(this.pos, to));
    const piece = { text, offset: this.offset, line: this.line };
    this.offset += text.length;
    for (let nl = bytes.indexOf(10, this.pos); nl !== -1 && nl < to; nl = bytes.indexOf(10, nl + 1)) this.line++;
    this.pos = to;
    return piece;
  }
}

/**
 * A copy of `s` that shares no memory with the text it was cut from. V8 keeps a substring as a
 * view of its whole source (and a regular expression's captures likewise), so one title kept
 * from an entry would keep the entry's whole text alive; a paper keeps only copies. The copy is
 * one byte a character when `s` is.
 */
export function detach(s: string): string {
  // Joining forces a fresh flat string; slicing it drops the added character.
  return s.length < 13 ? s.slice() : (' ' + s).slice(1);
}
