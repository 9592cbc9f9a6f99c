/**
 * Formatting citations for the editor: every format of `core/citations` (Markdown, plain text,
 * BibTeX, `[@key]`, `\cite{key}`) and the bundled CSL styles (APA, IEEE, Chicago author-date,
 * Vancouver, Harvard) through citeproc-js, plus a library paper's BibTeX entry exactly as its
 * file writes it.
 *
 * citeproc-js is loaded on the first CSL citation, not at activation (it is about a megabyte of
 * JavaScript), and the style files are read from the extension's `seeds/csl/` once each,
 * through `vscode.workspace.fs` (so also in the web extension host, where the extension's
 * files are served by the workbench rather than found on a local disk).
 */
import * as vscode from 'vscode';
import { formatCitation, type AnyCitationFormat } from '../core/citations';
import type { CslFormatter } from '../core/csl';
import { CSL_LOCALE_FILE, CSL_STYLE_FILES, isCslStyle, type CslStyleId } from '../core/cslStyles';
import { formatReferences, type Reference } from '../core/references';
import type { Paper } from '../core/types';
import { sourceUri } from './libraryFiles';

export class Citations {
  private csl?: Promise<CslFormatter>;
  /** The style and locale files read so far, by their path under the extension. */
  private readonly texts = new Map<string, string>();

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The citation of a paper in a format; for BibTeX, the library entry as written when there is one. */
  async format(paper: Paper, format: AnyCitationFormat): Promise<string> {
    const csl = isCslStyle(format) ? await this.formatter(format) : undefined;
    const original = format === 'bibtex' ? await this.original(paper) : undefined;
    return formatCitation(paper, format, { csl, original });
  }

  /** A reference list of the papers, in order of first mention, in a format. */
  async references(papers: readonly Paper[], format: AnyCitationFormat): Promise<Reference[]> {
    const csl = isCslStyle(format) ? await this.formatter(format) : undefined;
    const originals = new Map<string, string | undefined>();
    // Each library file is read once for the whole list, however many of its papers are cited.
    const texts = new Map<string, Promise<string | undefined>>();
    if (format === 'bibtex') for (const p of papers) originals.set(p.id, await this.original(p, texts));
    return formatReferences(papers, format, { csl, original: (p) => originals.get(p.id) });
  }

  /**
   * The formatter, with the files of `style` read first: the formatter reads them
   * synchronously, and the extension's files can only be read asynchronously on the web.
   */
  private async formatter(style: CslStyleId): Promise<CslFormatter> {
    await Promise.all(
      [CSL_STYLE_FILES[style].file, CSL_LOCALE_FILE].map(async (file) => {
        if (!this.texts.has(file)) this.texts.set(file, new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, file))));
      }),
    );
    this.csl ??= import('../core/csl').then(({ CslFormatter }) => new CslFormatter((file) => this.texts.get(file) ?? ''));
    return this.csl;
  }

  /**
   * The paper's first BibTeX entry as its file writes it, or undefined (file gone, changed since,
   * not BibTeX). `texts` keeps the files read for one reference list.
   */
  private async original(paper: Paper, texts = new Map<string, Promise<string | undefined>>()): Promise<string | undefined> {
    const source = paper.sources?.find((s) => s.format === 'bibtex' && s.start !== undefined);
    if (!source) return undefined;
    let text = texts.get(source.file);
    if (!text) {
      text = Promise.resolve(vscode.workspace.fs.readFile(sourceUri(source.file, this.extensionUri))).then(
        (bytes) => new TextDecoder().decode(bytes),
        () => undefined,
      );
      texts.set(source.file, text);
    }
    const content = await text;
    if (content === undefined) return undefined;
    // The library readers are loaded only when a library paper is cited.
    const { originalEntry } = await import('../core/library');
    return originalEntry(content, source);
  }
}
