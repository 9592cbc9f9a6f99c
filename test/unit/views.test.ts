import { strict as assert } from 'node:assert';
import { bibtexView, fileRange, mentionsInFile, notebookText, viewOf } from '../../src/core/views';
import { bundledCorpus } from './helpers';


/** A notebook as Jupyter writes it: sources as lists of lines, JSON escapes in them. */
const NOTEBOOK = JSON.stringify(
  {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Notes on \u201cDataComp\u201d\n', 'We filter "like" Data Filtering\n', 'Networks do.\n'] },
      { cell_type: 'code', metadata: {}, execution_count: 1, outputs: [{ output_type: 'stream', text: ['LoRAT in an output\n'] }], source: '# fine-tune with LoRAT\nmodel = train()' },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
).replace('\u201c', '\\u201c');

describe('notebooks', () => {
  it('reads the sources of markdown and code cells, not outputs, with each cell apart', () => {
    const nb = notebookText(NOTEBOOK)!;
    assert.equal(nb.text, '# Notes on \u201cDataComp\u201d\nWe filter "like" Data Filtering\nNetworks do.\n\n\n# fine-tune with LoRAT\nmodel = train()');
    assert.equal(nb.starts.length, nb.text.length);
  });

  it('maps mentions back to their place in the JSON, across escapes and list items', () => {
    const nb = notebookText(NOTEBOOK)!;
    const found = bundledCorpus().matcher.find(nb.text).map((m) => {
      const r = fileRange(nb, m.start, m.end);
      return NOTEBOOK.slice(r.start, r.end);
    });
    assert.deepEqual(found, ['DataComp', 'Data Filtering\\n",\n    "Networks', 'LoRAT']);
  });

  it('is not a notebook without cells', () => {
    assert.equal(notebookText('{"a": 1}'), undefined);
    assert.equal(viewOf('x.md', '# DataComp'), undefined);
    assert.ok(viewOf('lab.IPYNB', NOTEBOOK));
  });
});

describe('BibTeX', () => {
  it('drops the braces inside words and keeps the others, mapping back into the file', () => {
    const bib = '@misc{laion,\n  title = {{LAION}-5{B}: An open large-scale dataset for training next generation image-text models},\n}';
    const view = bibtexView(bib);
    assert.match(view.text, /\{LAION\}-5B\}: An open/);
    const [m] = bundledCorpus().matcher.find(view.text);
    assert.equal(m.kind, 'title');
    const r = fileRange(view, m.start, m.end);
    assert.equal(bib.slice(r.start, r.end), 'LAION}-5{B}: An open large-scale dataset for training next generation image-text models');
    assert.ok(viewOf('refs.bib', bib));
  });

  it('finds a brace-protected title in a .bib file at its place in the file, and only through the view', () => {
    const bib = '@inproceedings{x,\n  title = {{LoRAT}-style {D}ata{C}omp: a note},\n}';
    const { matcher } = bundledCorpus();
    const found = mentionsInFile(matcher, 'refs.bib', bib, { policy: 'context' });
    assert.deepEqual(
      found.map((m) => [m.text, bib.slice(m.start, m.end)]),
      [
        ['LoRAT', 'LoRAT'],
        ['D}ata{C}omp', 'D}ata{C}omp'],
      ],
    );
    // The same text under another name is read as it is: the braces split DataComp.
    assert.deepEqual(
      mentionsInFile(matcher, 'notes.md', bib, { policy: 'context' }).map((m) => m.text),
      ['LoRAT'],
    );
    assert.deepEqual(mentionsInFile(matcher, undefined, bib, { policy: 'context' }).map((m) => m.text), ['LoRAT']);
  });
});
