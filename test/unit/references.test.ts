import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CiteKeyResolver } from '../../src/core/citations';
import { findCiteKeys } from '../../src/core/citeKeys';
import { CslFormatter } from '../../src/core/csl';
import { parseBibtex } from '../../src/core/library/bibtex';
import { mergeLibraries } from '../../src/core/library/merge';
import { formatReferences, papersInMentionOrder, referenceListText, type Reference } from '../../src/core/references';
import type { Paper } from '../../src/core/types';
import { bundledCorpus, ROOT } from './helpers';

describe('references in order of first mention', function () {
  this.timeout(60_000);
  const bib = '@misc{vaswani2017, title = {Attention Is All You Need}, author = {Vaswani, Ashish and Shazeer, Noam}, year = {2017}}';
  let resolver: CiteKeyResolver;
  let byId: Map<string, Paper>;
  beforeEach(() => {
    const papers = mergeLibraries(bundledCorpus().papers, [parseBibtex(bib, 'refs.bib')]).papers;
    resolver = new CiteKeyResolver(papers);
    byId = new Map(papers.map((p) => [p.id, p]));
  });
  const mentionsOf = (text: string) => ({ names: bundledCorpus().matcher.find(text), keys: findCiteKeys(text) });
  const titles = (text: string) => papersInMentionOrder([mentionsOf(text)], resolver, (id) => byId.get(id)).map((p) => p.title.split(':')[0]);

  it('orders names, titles and cite keys by first mention and lists each paper once', () => {
    const text = 'We cite [@vaswani2017] and then use DataComp. LoRAT follows \\cite{datacomp, laion5b}; DataComp again, [@vaswani2017].';
    assert.deepEqual(titles(text), ['Attention Is All You Need', 'DataComp', 'Tracking Meets LoRA', 'LAION-5B']);
  });

  it('counts a full title as a mention and a bare @key that resolves', () => {
    assert.deepEqual(titles('As @datacomp shows, and Data Filtering Networks too.'), ['DataComp', 'Data Filtering Networks']);
  });

  it('leaves out unknown keys and reads several documents in the order given', () => {
    const docs = [mentionsOf('[@nosuchkey] then LAION-5B'), mentionsOf('DataComp and LAION-5B')];
    assert.deepEqual(papersInMentionOrder(docs, resolver, (id) => byId.get(id)).map((p) => p.title.split(':')[0]), ['LAION-5B', 'DataComp']);
    assert.deepEqual(titles('nothing here'), []);
  });

  it('skips a name mention whose paper is no longer known', () => {
    const names = [{ start: 0, end: 4, text: 'Gone', paperId: 'removed-paper', kind: 'short' as const }, ...bundledCorpus().matcher.find('then DataComp')];
    assert.deepEqual(papersInMentionOrder([{ names, keys: [] }], resolver, (id) => byId.get(id)).map((p) => p.title.split(':')[0]), ['DataComp']);
  });

  it('refuses a format it does not know, naming it', () => {
    assert.throws(() => formatReferences([], 'rtf' as never), /formatReferences: unknown format rtf/);
  });

  it('formats the list: keys and texts in mention order, numbered by the numeric styles', () => {
    const ordered = papersInMentionOrder([mentionsOf('LoRAT, then [@vaswani2017], then DataComp')], resolver, (id) => byId.get(id));
    const csl = new CslFormatter((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'));
    const ieee = formatReferences(ordered, 'ieee', { csl });
    assert.deepEqual(ieee.map((r) => r.key), ['trackingmeets', 'vaswani2017', 'datacomp']);
    assert.deepEqual(ieee.map((r) => r.text.slice(0, 4)), ['[1] ', '[2] ', '[3] ']);
    assert.match(ieee[1].text, /^\[2\] A\. Vaswani and N\. Shazeer, “Attention Is All You Need\.” 2017\.$/);
    const pandoc = formatReferences(ordered, 'pandoc');
    assert.deepEqual(pandoc.map((r) => r.text), ['[@trackingmeets]', '[@vaswani2017]', '[@datacomp]']);
    const bibtex = formatReferences(ordered, 'bibtex', { original: (p) => (p.keys?.includes('vaswani2017') ? bib : undefined) });
    assert.equal(bibtex[1].text, bib);
    assert.match(bibtex[0].text, /^@misc\{trackingmeets,/);
    assert.throws(() => formatReferences(ordered, 'apa'), /needs a CslFormatter/);
  });

  describe('the list as a document reads it', () => {
    const HOSTILE = 'Click [here](command:workbench.action.quit) <img src=x onerror=alert(1)> `x` *Bold*';
    const hostile: Paper = { id: 'h', title: HOSTILE, abstract: '', links: [], authors: ['Eve Mallory'], year: 2031 };
    const csl = new CslFormatter((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'));
    const refs = (format: Parameters<typeof formatReferences>[1]): Reference[] => formatReferences([hostile, [...byId.values()].find((p) => p.title.startsWith('DataComp:'))!], format, { csl });

    it('separates entries by a blank line and ends with a line break', () => {
      assert.equal(referenceListText(refs('pandoc'), 'pandoc', 'markdown'), '[@mallory2031click]\n\n[@datacomp]\n');
    });

    it('escapes plain text and the CSL styles for Markdown, so a hostile title renders as written', () => {
      for (const format of ['text', 'apa', 'ieee', 'chicago', 'vancouver', 'harvard'] as const) {
        const text = referenceListText(refs(format), format, 'markdown');
        assert.doesNotMatch(text, /(?<!\\)[[<`*]/, `${format}: ${text}`);
        // Chicago sets titles in title case, as the style says; the characters are the title's.
        assert.ok(text.replace(/\\(.)/g, '$1').toLowerCase().includes(HOSTILE.toLowerCase()), `${format}: ${text}`);
      }
    });

    it('escapes them for LaTeX, and leaves them alone in a plain document', () => {
      const latex = referenceListText(refs('text'), 'text', 'latex');
      assert.ok(latex.includes('\\textless{}img src=x onerror=alert(1)\\textgreater{}'), latex);
      assert.equal(referenceListText(refs('text'), 'text', 'plain'), refs('text').map((r) => r.text).join('\n\n') + '\n');
    });

    it('writes the source formats as they are: a Markdown link escapes its own title, BibTeX and keys are source', () => {
      for (const format of ['markdown', 'bibtex', 'latex'] as const) {
        for (const target of ['markdown', 'latex'] as const) {
          assert.equal(referenceListText(refs(format), format, target), refs(format).map((r) => r.text).join('\n\n') + '\n', `${format} in ${target}`);
        }
      }
      assert.ok(referenceListText(refs('markdown'), 'markdown', 'markdown').startsWith('*Click \\[here\\]\\(command:workbench.action.quit\\) \\<img'));
    });
  });
});
