/**
 * Go to Definition and Find All References on cite keys, arXiv ids, DOIs and paper names.
 *
 * - Definition: where the paper is written down. For a library paper, the line of its entry in
 *   each `.bib` or `.json` file it comes from; for a bundled paper, its title's line in the
 *   bundled listing (the extension's `seeds/daily-papers-listing.txt`).
 * - References: every place in the workspace's text files (and open documents) that names the
 *   same paper, by cite key or by name. Files are read on request, at most `MAX_FILES` of them
 *   and each up to `MAX_FILE_BYTES`, skipping `node_modules` and the like.
 */
import * as vscode from 'vscode';
import { findCiteKeys } from '../core/citeKeys';
import { lineStartsOf, positionOf } from '../core/lines';
import type { Paper } from '../core/types';
import { dialectOf, type CiteTargets } from '../services/citeTargets';
import { PAPER_DOCUMENTS } from '../services/contributionIds';
import type { DocumentMentions } from '../services/documentMentions';
import type { CorpusSource } from '../services/lazyCorpus';
import { sourceUri } from '../services/libraryFiles';

/** Text files searched for references. */
const REFERENCE_GLOB = '**/*.{md,markdown,qmd,rmd,tex,txt,py,ipynb,rst}';
const EXCLUDE_GLOB = '**/{node_modules,.git,.venv,venv,__pycache__,dist,out,build}/**';
export const MAX_FILES = 2000;
export const MAX_FILE_BYTES = 1_000_000;

/** The language a file's extension implies, for choosing its citation syntax. */
function languageOfPath(path: string): string {
  if (/\.(md|markdown|qmd|rmd|txt)$/i.test(path)) return 'markdown';
  if (/\.tex$/i.test(path)) return 'latex';
  return 'code';
}

export class CiteNavigation implements vscode.DefinitionProvider, vscode.ReferenceProvider {
  constructor(
    private readonly corpus: CorpusSource,
    private readonly targets: CiteTargets,
    private readonly mentions: DocumentMentions,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** The paper named at a position (cite key, identifier or name), with the range naming it. */
  private paperAt(doc: vscode.TextDocument, position: vscode.Position): Paper | undefined {
    const offset = doc.offsetAt(position);
    const target = this.targets.at(doc, offset);
    if (target?.paper) return target.paper;
    const mention = this.mentions.at(doc, offset);
    return mention ? this.corpus.get()?.get(mention.paperId) : undefined;
  }

  provideDefinition(doc: vscode.TextDocument, position: vscode.Position): vscode.Location[] | undefined {
    const paper = this.paperAt(doc, position);
    if (!paper) return undefined;
    const places = paper.sources?.length ? paper.sources : paper.source ? [paper.source] : [];
    return places.map((s) => new vscode.Location(sourceUri(s.file, this.extensionUri), new vscode.Position(Math.max(0, s.line - 1), 0)));
  }

  async provideReferences(doc: vscode.TextDocument, position: vscode.Position, _context: vscode.ReferenceContext, token: vscode.CancellationToken): Promise<vscode.Location[] | undefined> {
    const paper = this.paperAt(doc, position);
    const corpus = this.corpus.get();
    const resolver = this.targets.resolver();
    if (!paper || !corpus || !resolver) return undefined;
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const files = await vscode.workspace.findFiles(REFERENCE_GLOB, EXCLUDE_GLOB, MAX_FILES, token);
    const uris = [...new Map([...files, ...[...open.values()].filter((d) => !d.isUntitled || d === doc).map((d) => d.uri)].map((u) => [u.toString(), u])).values()];
    const out: vscode.Location[] = [];
    for (const uri of uris) {
      if (token.isCancellationRequested) return undefined;
      const opened = open.get(uri.toString());
      let text: string;
      let language: string;
      if (opened) {
        text = opened.getText();
        language = opened.languageId;
      } else {
        const bytes = await vscode.workspace.fs.readFile(uri).then(
          (b) => b,
          () => undefined,
        );
        if (!bytes || bytes.byteLength > MAX_FILE_BYTES) continue;
        text = new TextDecoder().decode(bytes);
        language = languageOfPath(uri.path);
      }
      const dialect = dialectOf(language);
      const places: Array<[number, number]> = [];
      if (dialect) for (const k of findCiteKeys(text, dialect)) if (resolver.resolve(k.key)?.id === paper.id) places.push([k.start, k.end]);
      if (text.length <= MAX_FILE_BYTES) for (const m of corpus.matcher.find(text, 'context')) if (m.paperId === paper.id) places.push([m.start, m.end]);
      if (!places.length) continue;
      const lines = opened ? undefined : lineStartsOf(text);
      for (const [start, end] of places.sort((a, b) => a[0] - b[0])) {
        const range = opened ? new vscode.Range(opened.positionAt(start), opened.positionAt(end)) : new vscode.Range(toPosition(lines!, start), toPosition(lines!, end));
        out.push(new vscode.Location(uri, range));
      }
    }
    return out;
  }
}

function toPosition(starts: readonly number[], offset: number): vscode.Position {
  const { line, character } = positionOf(starts, offset);
  return new vscode.Position(line, character);
}

export function registerCiteNavigation(navigation: CiteNavigation): vscode.Disposable {
  return vscode.Disposable.from(vscode.languages.registerDefinitionProvider(PAPER_DOCUMENTS, navigation), vscode.languages.registerReferenceProvider(PAPER_DOCUMENTS, navigation));
}
