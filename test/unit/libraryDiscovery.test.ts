import { strict as assert } from 'node:assert';
import { bibliographiesOfMarkdown, bibliographiesOfTex, bibliographiesOfYaml, expandHome, folderCandidates, isAbsolutePath, isGlob, splitGlob } from '../../src/core/library/discovery';

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

describe('library discovery: the details of LaTeX and front matter', () => {
  it('adds .bib only for \\bibliography, and reads a name ending in .BIB as it is', () => {
    assert.deepStrictEqual(bibliographiesOfTex('\\addbibresource{plain}\n\\bibliography{UPPER.BIB,x.bibx}'), ['plain', 'UPPER.BIB', 'x.bibx.bib']);
  });

  it('keeps a line whose percent sign is escaped after an escaped backslash pair, and drops a real comment after it', () => {
    assert.deepStrictEqual(bibliographiesOfTex('a\\\\% \\bibliography{gone}\n\\bibliography{kept}'), ['kept.bib']);
  });

  it('reads the front matter only up to its closing line, even with spaces after it', () => {
    const md = '---  \nbibliography: a.bib\n---   \nbibliography: b.bib\n';
    assert.deepStrictEqual(bibliographiesOfMarkdown(md), ['a.bib']);
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliography: a.bib\n--- x\n'), [], 'a line that only starts with --- closes nothing');
    assert.deepStrictEqual(bibliographiesOfMarkdown('x---\nbibliography: a.bib\n---\n'), []);
    assert.deepStrictEqual(bibliographiesOfMarkdown(''), []);
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliographyx: a.bib\nmy-bibliography: b.bib\nbibliography : c.bib\n---\n'), ['c.bib']);
  });

  it('reads a flow list to its bracket, never past the closing line, skipping empty items', () => {
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliography: [a.bib, , b.bib] # note [x]\n---\n'), ['a.bib', 'b.bib']);
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliography: [a.bib,\n---\nb.bib]\n'), ['a.bib']);
    assert.deepStrictEqual(bibliographiesOfMarkdown("---\nbibliography: ['x''y.bib', \"q\\\"z.bib\"]\n---\n"), ["x'y.bib", 'q"z.bib']);
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliography: [a.bib,\n  b.bib # second\n  ]\n---\n'), ['a.bib', 'b.bib']);
  });

  it('reads a block list item by item, with comments, quotes and blank lines, to the end of the front matter', () => {
    const md = ['---', 'bibliography:', '- flush.bib', '  -   spaced.bib  # why', "  - 'quo''ted.bib'", '', '  -nodash.bib', '---'].join('\n');
    assert.deepStrictEqual(bibliographiesOfMarkdown(md), ['flush.bib', 'spaced.bib', "quo'ted.bib"]);
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliography:\n  - last.bib\n---'), ['last.bib']);
  });

  it('keeps a # inside a word or quotes, and skips remote and repeated names', () => {
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliography: "a #1.bib"\n---\n'), ['a #1.bib']);
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliography: c#2.bib\n---\n'), ['c#2.bib']);
    assert.deepStrictEqual(bibliographiesOfMarkdown("---\nbibliography: 'it #3.bib' # c\n---\n"), ['it #3.bib']);
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliography: # only a comment\n  - x.bib\n---\n'), ['x.bib']);
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliography: [https://x.org/r.bib, a.bib, a.bib, ftp+s://y/z.bib]\n---\n'), ['a.bib']);
    assert.deepStrictEqual(bibliographiesOfMarkdown('---\nbibliography: "unclosed.bib\n---\n'), ['"unclosed.bib']);
  });
});

describe("library discovery: Quarto's _quarto.yml and _metadata.yml", () => {
  it('reads the top-level bibliography of a whole YAML file, in each shape', () => {
    // As `quarto create project book` writes _quarto.yml.
    const book = ['project:', '  type: book', '', 'book:', '  title: "Notes"', '  chapters:', '    - index.qmd', '', 'bibliography: references.bib', '', 'format:', '  html:', '    theme: cosmo', ''].join('\n');
    assert.deepEqual(bibliographiesOfYaml(book), ['references.bib']);
    assert.deepEqual(bibliographiesOfYaml('bibliography: [a.bib, "b c.bib"]\n'), ['a.bib', 'b c.bib']);
    assert.deepEqual(bibliographiesOfYaml('bibliography:\n  - a.bib\n  - refs/b.bib # mine\ntoc: true'), ['a.bib', 'refs/b.bib']);
  });

  it('skips a leading document marker, stops at the next document, and reads no nested key', () => {
    assert.deepEqual(bibliographiesOfYaml('---\nbibliography: a.bib\n---\nbibliography: b.bib\n'), ['a.bib']);
    assert.deepEqual(bibliographiesOfYaml('\uFEFFbibliography: a.bib'), ['a.bib']);
    assert.deepEqual(bibliographiesOfYaml('---   \nbibliography: a.bib\n'), ['a.bib']);
    assert.deepEqual(bibliographiesOfYaml('format:\n  html:\n    bibliography: nested.bib\n'), []);
    assert.deepEqual(bibliographiesOfYaml(''), []);
    // Front matter without its closing line still names nothing.
    assert.deepEqual(bibliographiesOfMarkdown('---\nbibliography: a.bib\n'), []);
  });
});

describe('library discovery: the folders a named path may be relative to', () => {
  it('tries the naming file\'s folder, then each folder above it up to the workspace folder', () => {
    assert.deepEqual(folderCandidates('/w/thesis/sections', '/w/thesis'), ['/w/thesis/sections', '/w/thesis']);
    assert.deepEqual(folderCandidates('/w/a/b/c', '/w/'), ['/w/a/b/c', '/w/a/b', '/w/a', '/w']);
    assert.deepEqual(folderCandidates('/w', '/w'), ['/w']);
    assert.deepEqual(folderCandidates('/w/', '/w'), ['/w']);
  });

  it('keeps a folder outside the workspace folder, or beside it with a longer name, to itself', () => {
    assert.deepEqual(folderCandidates('/elsewhere/x', '/w'), ['/elsewhere/x']);
    assert.deepEqual(folderCandidates('/work2/x', '/work'), ['/work2/x']);
  });

  it('climbs to the root when the workspace folder is the root', () => {
    assert.deepEqual(folderCandidates('/a/b', '/'), ['/a/b', '/a', '/']);
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
    for (const p of ['refs.bib', './refs.bib', '../refs.bib', '~refs.bib', 'C:refs.bib', 'x~\\', 'refs/C:/x', 'a/~/b']) assert.equal(isAbsolutePath(p), false, p);
    assert.equal(isAbsolutePath('~\\Zotero\\refs.bib'), true);
  });

  it('cuts a glob into the folder it searches and the pattern under it', () => {
    assert.deepStrictEqual(splitGlob('refs/**/*.bib'), { base: 'refs', pattern: '**/*.bib' });
    assert.deepStrictEqual(splitGlob('/home/a/*.bib'), { base: '/home/a', pattern: '*.bib' });
    assert.deepStrictEqual(splitGlob('/*.bib'), { base: '/', pattern: '*.bib' });
    assert.deepStrictEqual(splitGlob('*.bib'), { base: '', pattern: '*.bib' });
    assert.deepStrictEqual(splitGlob('C:\\lib\\{a,b}\\x.bib'), { base: 'C:/lib', pattern: '{a,b}/x.bib' });
    assert.deepStrictEqual(splitGlob('refs/plain.bib'), { base: 'refs/plain.bib', pattern: '' });
    assert.deepStrictEqual(splitGlob('\\*.bib'), { base: '/', pattern: '*.bib' });
  });

  it('expands a leading ~ to the home folder only', () => {
    assert.equal(expandHome('~/Zotero/refs.bib', '/home/ada/'), '/home/ada/Zotero/refs.bib');
    assert.equal(expandHome('~', '/home/ada'), '/home/ada');
    assert.equal(expandHome('~refs.bib', '/home/ada'), '~refs.bib');
    assert.equal(expandHome('refs/~/x.bib', '/home/ada'), 'refs/~/x.bib');
    assert.equal(expandHome('~\\Zotero\\refs.bib', 'C:\\Users\\ada\\'), 'C:\\Users\\ada/Zotero\\refs.bib');
    assert.equal(expandHome('x~\\y', '/h'), 'x~\\y');
  });
});
