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

describe('views on small inputs', () => {
  /** The text a view gives, and for each of its code units the file text it came from. */
  const pieces = (file: string, view: { text: string; starts: Int32Array; ends: Int32Array }) =>
    Array.from(view.text, (_, k) => file.slice(view.starts[k], view.ends[k]));

  it('chooses the view by the file name\'s extension, in any letter case', () => {
    const nb = '{"cells": [{"source": "x"}]}';
    assert.equal(viewOf('Lab.IPYNB', nb)?.text, 'x');
    assert.equal(viewOf('refs.BIB', 'a{b}c')?.text, 'abc');
    for (const name of ['lab.ipynb.md', 'labipynb', 'lab.ipynbx']) assert.equal(viewOf(name, nb), undefined, name);
    for (const name of ['refs.bibx', 'refsbib', 'refs.bib.txt']) assert.equal(viewOf(name, 'a{b}c'), undefined, name);
  });

  it('maps a range of the view to the file, an empty range to the place of its start', () => {
    const file = 'ab{C}de';
    const view = bibtexView(file);
    assert.equal(view.text, 'abCde');
    assert.deepEqual(fileRange(view, 1, 4), { start: 1, end: 6 });
    assert.deepEqual(fileRange(view, 2, 2), { start: 3, end: 4 });
  });

  it('drops a brace only between word characters (letters, digits, marks, underscore), skipping other braces', () => {
    const cases: Array<[string, string]> = [
      ['{B}ERT', '{BERT'],
      ['5{B}', '5B}'],
      ['a{{b}}c', 'abc'],
      ['{a} {b}', '{a} {b}'],
      ['x_{B}_y', 'x_B_y'],
      ['é{x}ü', 'éxü'],
      ['{{}}', '{{}}'],
      ['x {{b}} y', 'x {{b}} y'],
      ['a{', 'a{'],
      ['}a', '}a'],
      ['a}{', 'a}{'],
    ];
    for (const [file, text] of cases) {
      const view = bibtexView(file);
      assert.equal(view.text, text, file);
      assert.deepEqual(pieces(file, view), Array.from(text), `${file}: each character maps to itself`);
    }
    assert.deepEqual(Array.from(bibtexView('a{{b}}c').starts), [0, 3, 6]);
  });

  it('reads only the sources of cells, each cell apart, and keeps each character\'s place', () => {
    const file = JSON.stringify({
      cells: [
        { source: [] },
        { metadata: { source: 'not this' }, source: ['one\n', 'two'] },
        { source: 'three', outputs: [{ text: 'nor this' }] },
        { source: [42, true, 'four'] },
      ],
      metadata: { cells: [{ source: 'nor this' }] },
    });
    const nb = notebookText(file)!;
    assert.equal(nb.text, 'one\ntwo\n\nthree\n\nfour');
    // The blank line between cells stands, empty, where the next cell's source begins.
    const three = file.indexOf('"three"');
    assert.deepEqual([nb.starts[7], nb.ends[7], nb.starts[8], nb.ends[8]], [three, three, three, three]);
    assert.equal(file.slice(nb.starts[9], nb.ends[9]), 't');
    assert.equal(file.slice(nb.starts[3], nb.ends[3]), '\\n');
    assert.equal(nb.starts.length, nb.text.length);
    assert.equal(nb.ends.length, nb.text.length);
  });

  it('does not read cells kept under another key', () => {
    const nb = notebookText('{"cells": {"a": {"source": "x"}}, "other": [{"source": "y"}]}');
    assert.equal(nb?.text, '');
  });

  it('is a notebook with no cells when it says "cells", and not one otherwise', () => {
    assert.equal(notebookText('{"cells" : []}')?.text, '');
    assert.equal(notebookText('{"cells":[]}')?.text, '');
    assert.equal(notebookText('{"a": "cells"}'), undefined);
    assert.equal(notebookText(''), undefined);
  });

  it('decodes the escapes of a source, each mapped to the whole escape, and keeps a malformed one as written', () => {
    const file = String.raw`{"cells": [{"source": "a\n\u00e9\"\/\\\t\u12x\q\b\f\r\tbeef"}]}`;
    const nb = notebookText(file)!;
    assert.equal(nb.text, 'a\né"/\\\t\\u12x\\q\b\f\r\tbeef');
    assert.deepEqual(pieces(file, nb), ['a', '\\n', '\\u00e9', '\\"', '\\/', '\\\\', '\\t', '\\', 'u', '1', '2', 'x', '\\', 'q', '\\b', '\\f', '\\r', '\\t', 'b', 'e', 'e', 'f']);
  });

  it('reads the last source of a notebook cut short, to its last character', () => {
    const nb = notebookText('{"cells": [{"source": "abc');
    assert.equal(nb?.text, 'abc');
  });
});
