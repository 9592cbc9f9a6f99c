/**
 * The part of `citeproc` (citeproc-js, which ships no types) that Paper Lens uses: an engine
 * built from a CSL style and a locale, fed CSL-JSON items, giving a bibliography.
 */
declare module 'citeproc' {
  /** A CSL-JSON item, loosely typed: see the CSL-JSON schema for the fields. */
  export type CslItem = { id: string; type: string } & Record<string, unknown>;

  export interface Sys {
    retrieveLocale(lang: string): string;
    retrieveItem(id: string): CslItem;
  }

  export interface BibliographyParams {
    bibstart: string;
    bibend: string;
    entry_ids: string[][];
  }

  export class Engine {
    constructor(sys: Sys, style: string, lang?: string, forceLang?: boolean);
    setOutputFormat(format: 'html' | 'text' | 'rtf'): void;
    updateItems(ids: readonly string[]): void;
    /** `false` when the style has no bibliography. */
    makeBibliography(): [BibliographyParams, string[]] | false;
  }
}
