/**
 * The part of `@retorquere/bibtex-parser` that Paper Lens uses. The package ships full types,
 * but its `typings` field names a file it does not publish, which wins over `types` under this
 * project's `moduleResolution`; without this declaration the import is untyped.
 */
declare module '@retorquere/bibtex-parser' {
  export interface Options {
    /** `false` keeps titles' letter case as written. */
    sentenceCase?: false;
    /** `false`: treat no entry as English (no case conversion). */
    english?: boolean | string[];
    /** What to output for a command the parser does not know; by default it fails the entry. */
    unsupported?: 'ignore' | ((node: unknown, tex: string, entry: unknown) => string);
    raw?: boolean;
  }
  export interface Entry {
    type: string;
    key: string;
    fields: Record<string, unknown>;
    input: string;
  }
  export interface ParseError {
    error: string;
    input?: string;
  }
  export interface Library {
    errors: ParseError[];
    entries: Entry[];
  }
  export function parse(input: string, options?: Options): Library;
}
