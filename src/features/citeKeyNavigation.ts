/**
 * Go to Definition and Find All References on cite keys, arXiv ids, DOIs and paper names.
 *
 * - Definition: where the paper is written down. For a library paper, the line of its entry in
 *   each `.bib` or `.json` file it comes from; for a bundled paper, its title's line in the
 *   bundled listing (the extension's `seeds/daily-papers-listing.txt`).
 * - References: every place in the workspace that names the same paper, by cite key, arXiv id,
 *   DOI or name, as the workspace index reads files (its files, the policy for collision-prone
 *   names, the names hidden with "Not this paper"): the same places as "Show Where the
 *   Workspace Mentions a Paper", with unsaved edits read as they are (see
 *   `WorkspaceIndexService.references`).
 */
import * as vscode from 'vscode';
import type { Paper } from '../core/types';
import type { CiteTargets } from '../services/citeTargets';
import { PAPER_DOCUMENTS } from '../services/contributionIds';
import type { DocumentMentions } from '../services/documentMentions';
import type { CorpusSource } from '../services/lazyCorpus';
import { sourceUri } from '../services/libraryFiles';
import { mentionRange, type WorkspaceIndexService } from '../services/workspaceIndex';

export class CiteNavigation implements vscode.DefinitionProvider, vscode.ReferenceProvider {
  constructor(
    private readonly corpus: CorpusSource,
    private readonly targets: CiteTargets,
    private readonly mentions: DocumentMentions,
    private readonly index: WorkspaceIndexService,
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
    if (!paper) return undefined;
    const places = await this.index.references(paper.id, doc, () => token.isCancellationRequested);
    if (token.isCancellationRequested) return undefined;
    return places.flatMap(({ uri, mentions }) => mentions.map((m) => new vscode.Location(uri, mentionRange(m))));
  }
}

export function registerCiteNavigation(navigation: CiteNavigation): vscode.Disposable {
  return vscode.Disposable.from(vscode.languages.registerDefinitionProvider(PAPER_DOCUMENTS, navigation), vscode.languages.registerReferenceProvider(PAPER_DOCUMENTS, navigation));
}
