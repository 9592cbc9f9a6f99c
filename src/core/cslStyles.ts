/**
 * The CSL styles Paper Lens ships and where their files are. Apart from `csl.ts` so that
 * naming a style (settings, the CLI's `--format`, `formatCitation`'s dispatch) does not pull
 * citeproc-js into a bundle that never formats one.
 */

/** The CSL styles Paper Lens ships, by the format name users pick. */
export type CslStyleId = 'apa' | 'ieee' | 'chicago' | 'vancouver' | 'harvard';

export const CSL_STYLE_IDS: readonly CslStyleId[] = ['apa', 'ieee', 'chicago', 'vancouver', 'harvard'];

/** The style files, relative to the folder that holds `seeds/`, and their titles. */
export const CSL_STYLE_FILES: Readonly<Record<CslStyleId, { readonly file: string; readonly title: string }>> = {
  apa: { file: 'seeds/csl/apa.csl', title: 'APA 7th edition' },
  ieee: { file: 'seeds/csl/ieee.csl', title: 'IEEE' },
  chicago: { file: 'seeds/csl/chicago-author-date.csl', title: 'Chicago (author-date)' },
  vancouver: { file: 'seeds/csl/vancouver.csl', title: 'Vancouver (NLM)' },
  harvard: { file: 'seeds/csl/harvard-cite-them-right.csl', title: 'Harvard (Cite Them Right)' },
};

export const CSL_LOCALE_FILE = 'seeds/csl/locales-en-US.xml';

/** Reads a file named relative to the folder that holds `seeds/`; throws a `FileError` when it cannot. */
export type CslFileReader = (file: string) => string;

export function isCslStyle(value: string): value is CslStyleId {
  return (CSL_STYLE_IDS as readonly string[]).includes(value);
}
