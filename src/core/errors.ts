/**
 * A file the user can fix is unusable: unreadable, not a listing, a broken taxonomy. The
 * message names the file (and the line, when there is one), so callers show it as it is; the
 * CLI and the extension catch this one class rather than each kind.
 */
export class FileError extends Error {
  constructor(
    readonly file: string,
    /** 1-based line, when the problem has one. */
    readonly line: number | undefined,
    detail: string,
  ) {
    super(line === undefined ? `${file}: ${detail}` : `${file}:${line}: ${detail}`);
    this.name = new.target.name;
  }
}
