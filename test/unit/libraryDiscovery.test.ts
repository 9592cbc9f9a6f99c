import { strict as assert } from 'node:assert';
import { bibliographiesOfMarkdown, bibliographiesOfTex, expandHome, isAbsolutePath, isGlob, splitGlob } from '../../src/core/library/discovery';

describe('library discovery: LaTeX', () => {
  it('reads a \\bibliography list, adding .bib where BibTeX would', () => {
    assert.deepStrictEqual(bibliographiesOfTex('\\bibliography{refs,more/zotero.bib, other }'), ['refs.bib', 'more/zotero.bib', 'other.bib']);
  });

  it('reads \\addbibresource with and without options, taking the name as written', () => {
    const tex = ['\\addbibresource{main.bib}', '\\addbibresource[label=extra]{lib/extra.bib}', '\\addbibresource [datatype=bibtex] {spaced.bib}'].join('\n');
    assert.deepStrictEqual(bibliographiesOfTex(tex), ['main.bib', 'lib/extra.bib', 'spaced.bib']);
  });

  it('skips commented-out commands but keeps a line with an escaped percent sign', () => {
    const tex = ['% \\bibliography{old}', 'text \\% more \\bibliography{kept} % \\addbibresource{gone.bib}', '  %\\addbibresource{also-gone.bib}'].join('\n');
    assert.deepStrictEqual(bibliographiesOfTex(tex), ['kept.bib']);
  });

  it('skips remote resources, empty names and repeats, and reads an argument after a line break', () => {
    const tex = ['\\addbibresource[location=remote]{https://example.org/refs.bib}', '\\bibliography{a,,a}', '\\bibliography', '  {b}', '\\addbibresource{a.bib}'].join('\n');
    assert.deepStrictEqual(bibliographiesOfTex(tex), ['a.bib', 'b.bib']);
  });

  it('finds nothing in a text without the commands (\\bibliographystyle is another command)', () => {
    assert.deepStrictEqual(bibliographiesOfTex('\\bibliographystyle{plain}\n\\cite{x}'), []);
  });
});

describe('library discovery: markdown front matter', () => {
  it('reads a single path, plain or quoted', () => {
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\ntitle: Notes\nbibliography: refs.bib\n---\n# Body'), ['refs.bib']);
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliography: "my refs.bib" # from Zotero\n---\n'), ['my refs.bib']);
    assert.deepStrictEqual(bibliographiesOfMarkdown("---\r\nbibliography: 'it''s.bib'\r\n...\r\n"), ["it's.bib"]);
  });

  it('reads a flow list, also over two lines and with a comma inside quotes', () => {
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliography: [a.bib, "b, c.json"]\n---\n'), ['a.bib', 'b, c.json']);
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliography: [a.bib,\n  b.bib]\nlink-citations: true\n---\n'), ['a.bib', 'b.bib']);
  });

  it('reads a block list, and stops at the next key', () => {
    const md = ['---', 'bibliography:', '  - refs/one.bib', '', '  - "refs/two.json"', 'csl: ieee.csl', '---', '- not/this.bib'].join('\n');
    assert.deepStrictEqual(bibliographiesOfMarkdown(md), ['refs/one.bib', 'refs/two.json']);
  });

  it('finds nothing without front matter at the start, or without its closing line', () => {
    assert.deepStrictEqual(bibliographiesOfMarkdown('# Title\n---\nbibliography: refs.bib\n---\n'), []);
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliography: refs.bib\n# never closed'), []);
    assert.deepStrictEqual(bibliographiesOfMarkdown('\uFEFF---\nbibliography: bom.bib\n---\n'), ['bom.bib']);
  });

  it('reads only the top-level key, not one nested under another', () => {
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nformat:\n  bibliography: nested.bib\n---\n'), []);
  });
});

describe('library paths', () => {
  it('tells globs from plain paths', () => {
    assert.equal(isGlob('refs/*.bib'), true);
    assert.equal(isGlob('refs/**/x.bib'), true);
    assert.equal(isGlob('refs/{a,b}.bib'), true);
    assert.equal(isGlob('refs/file?.bib'), true);
    assert.equal(isGlob('refs/my library.bib'), false);
  });

  it('tells absolute paths from workspace-relative ones', () => {
    for (const p of ['/home/a/refs.bib', '~/Zotero/refs.bib', 'C:\\Users\\a\\refs.bib', 'd:/refs.bib', '\\\\server\\share\\refs.bib']) assert.equal(isAbsolutePath(p), true, p);
    for (const p of ['refs.bib', './refs.bib', '../refs.bib', '~refs.bib', 'C:refs.bib']) assert.equal(isAbsolutePath(p), false, p);
  });

  it('cuts a glob into the folder it searches and the pattern under it', () => {
    assert.deepStrictEqual(splitGlob('refs/**/*.bib'), { base: 'refs', pattern: '**/*.bib' });
    assert.deepStrictEqual(splitGlob('/home/a/*.bib'), { base: '/home/a', pattern: '*.bib' });
    assert.deepStrictEqual(splitGlob('/*.bib'), { base: '/', pattern: '*.bib' });
    assert.deepStrictEqual(splitGlob('*.bib'), { base: '', pattern: '*.bib' });
    assert.deepStrictEqual(splitGlob('C:\\lib\\{a,b}\\x.bib'), { base: 'C:/lib', pattern: '{a,b}/x.bib' });
    assert.deepStrictEqual(splitGlob('refs/plain.bib'), { base: 'refs/plain.bib', pattern: '' });
  });

  it('expands a leading ~ to the home folder only', () => {
    assert.equal(expandHome('~/Zotero/refs.bib', '/home/ada/'), '/home/ada/Zotero/refs.bib');
    assert.equal(expandHome('~', '/home/ada'), '/home/ada');
    assert.equal(expandHome('~refs.bib', '/home/ada'), '~refs.bib');
    assert.equal(expandHome('refs/~/x.bib', '/home/ada'), 'refs/~/x.bib');
  });
});
