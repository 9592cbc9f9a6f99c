import { strict as assert } from 'node:assert';
import { parseBibtex, parseBibtexSteps } from '../../src/core/library/bibtex';
import {
  arxivIdIn,
  cleanArxivId,
  cleanDoi,
  formatLibraryProblem,
  LineCounter,
  lineOf,
  preview,
  splitKeywords,
  yearIn,
  type LibraryEntry,
  type LibraryParse,
  type LibraryProblem,
} from '../../src/core/library/entry';
import { fixture, lineStarting } from './libraryHelpers';

describe('parseBibtex on a Better BibLaTeX export', () => {
  const text = fixture('better-bibtex-arxiv.bib');
  let entries: readonly LibraryEntry[], problems: readonly LibraryProblem[], format: LibraryParse['format'];
  beforeEach(() => ({ entries, problems, format } = parseBibtex(text, 'refs.bib')));
  const byKey = (key: string) => entries.find((e) => e.key === key)!;

  it('reads every entry, in file order, with no problems', () => {
    assert.equal(format, 'bibtex');
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => e.key), [
      'arXiv.org_preprinthe_delving_deep_into_rectifiers_2015',
      'arXiv.org_preprintwang_on_solving_minimax_optimization_locally_2019',
      'chaudhari_stochastic_gradient_2018',
      'chaudhari_stochastic_gradient_2018a',
      'he_delving_deep_2015',
      'miyato_spectral_normalization_2018',
      'miyato_spectral_normalization_2018a',
    ]);
  });

  it('gives the fields a reader expects, LaTeX decoded', () => {
    const he = entries[0];
    assert.equal(he.type, 'unpublished');
    assert.equal(he.title, 'Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification');
    assert.deepEqual(he.authors, ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun']);
    assert.equal(he.year, 2015);
    assert.equal(he.arxivId, '1502.01852');
    assert.equal(he.url, 'http://arxiv.org/abs/1502.01852');
    assert.equal(he.doi, undefined);
    assert.match(he.abstract, /^Rectified activation units \(rectifiers\) are essential/);
    assert.match(he.abstract, /we achieve 4\.94% top-5 test error/);
    assert.deepEqual(he.keywords, [
      'Computer Science - Artificial Intelligence',
      'Computer Science - Computer Vision and Pattern Recognition',
      'Computer Science - Machine Learning',
    ]);
  });

  it('reads text Zotero escaped as literal LaTeX as the user typed it', () => {
    assert.match(byKey('arXiv.org_preprintwang_on_solving_minimax_optimization_locally_2019').abstract, /equilibria in \\emph\{sequential\} games/);
  });

  it('takes the venue from the event when there is no journal or book title', () => {
    assert.equal(byKey('chaudhari_stochastic_gradient_2018').venue, 'International Conference on Learning Representations');
    assert.equal(byKey('he_delving_deep_2015').venue, 'Proceedings of the IEEE International Conference on Computer Vision');
    assert.equal(byKey('chaudhari_stochastic_gradient_2018a').venue, undefined);
  });

  it('records the line of each entry and its original text, unchanged', () => {
    for (const e of entries) {
      assert.equal(e.line, lineStarting(text, `@${e.type}{${e.key},`), e.key);
      assert.equal(text.slice(e.start, e.end), e.original);
      assert.ok(e.original!.startsWith(`@${e.type}{${e.key},`));
      assert.ok(e.original!.endsWith('}'));
      assert.equal(e.file, 'refs.bib');
    }
    assert.equal(entries[2].original, text.slice(text.indexOf('@inproceedings{chaudhari'), text.indexOf('\n\n@article{chaudhari')));
  });

  it('keeps no original text when asked not to, and reads every other field the same', () => {
    const without = parseBibtex(text, 'refs.bib', { originals: false });
    assert.ok(without.entries.length > 0);
    assert.ok(without.entries.every((e) => e.original === undefined));
    assert.deepEqual(
      without,
      { ...parseBibtex(text, 'refs.bib'), entries: entries.map((e) => ({ ...e, original: undefined })) },
    );
  });
});

describe('parseBibtex from bytes', () => {
  it('finds entry lines a megabyte at a time: one whose @ ends a megabyte, ones that start one, and after a megabyte of comment', () => {
    const MB = 1 << 20;
    const entry = (key: string) => `@misc{${key},\n  title = {Paper ${key}}\n}\n`;
    // Comment lines up to `end` (exclusive), from `length` characters in.
    const pad = (length: number, end: number) => `${'%'.repeat(end - length - 1)}\n`;
    let text = entry('a');
    text += pad(text.length, MB - 1); // `@misc{b` starts one byte before the first megabyte's end.
    text += entry('b');
    text += pad(text.length, 2 * MB); // `@misc{c` starts the third megabyte, `@misc{e` follows it.
    text += entry('c') + entry('e');
    text += pad(text.length, 4 * MB); // `@misc{f` starts the fifth, `@misc{g` follows it.
    text += entry('f') + entry('g');
    text += pad(text.length, 6 * MB + 10); // A megabyte and more with no entry line.
    text += entry('d');
    assert.equal(text.indexOf('@misc{b'), MB - 1);
    assert.equal(text.indexOf('@misc{c'), 2 * MB);
    assert.equal(text.indexOf('@misc{f'), 4 * MB);
    const keys = ['a', 'b', 'c', 'e', 'f', 'g', 'd'];
    const { entries, problems } = parseBibtex(text, 'big.bib');
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => [e.key, e.line, e.start]), keys.map((k) => [k, lineStarting(text, `@misc{${k},`), text.indexOf(`@misc{${k},`)]));
    for (const e of entries) assert.equal(e.original, entry(e.key!).trimEnd());
    // A pause before each entry line after the first (six), and one for each megabyte with none (the second, fourth and sixth).
    let pauses = 0;
    const steps = parseBibtexSteps(new TextEncoder().encode(text), 'big.bib');
    while (!steps.next().done) pauses++;
    assert.equal(pauses, 6 + 3);
  });

  it('reads a file\'s UTF-8 bytes exactly as its text, with UTF-16 offsets into that text', () => {
    const text = '\uFEFF% 🦉 notes: Ørsted, ü\n@misc{a, title = {Caf{\\\'e} 🦉}, author = {Ødegaard, Søren}}\n@misc{b, title = {B}}\n';
    const fromText = parseBibtex(text, 'u.bib');
    const fromBytes = parseBibtex(Buffer.from(text, 'utf8'), 'u.bib');
    assert.deepEqual(fromBytes, fromText);
    // A plain Uint8Array too, which (unlike a Buffer) does not turn back into its text with String().
    assert.deepEqual(parseBibtex(new TextEncoder().encode(text), 'u.bib'), fromText);
    assert.deepEqual(fromBytes.entries.map((e) => [e.key, e.title, e.authors, e.line]), [
      ['a', 'Café 🦉', ['Søren Ødegaard'], 2],
      ['b', 'B', [], 3],
    ]);
    for (const e of fromBytes.entries) assert.equal(text.slice(e.start, e.end), e.original);
  });

  it('reads the fixture the same from bytes as from text', () => {
    const text = fixture('better-bibtex-arxiv.bib');
    assert.deepEqual(parseBibtex(Buffer.from(text), 'refs.bib'), parseBibtex(text, 'refs.bib'));
  });
});

describe('parseBibtex on names and a @preamble', () => {
  let entries: readonly LibraryEntry[], problems: readonly LibraryProblem[];
  beforeEach(() => ({ entries, problems } = parseBibtex(fixture('better-bibtex-names.bib'), 'names.bib')));
  const authors = (key: string) => entries.find((e) => e.key === key)!.authors;

  it('reads names with particles, suffixes, braces and other scripts as "Given Family"', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(authors('bennett_citations_2013'), ['Frank G. Bennett Jr.']);
    assert.deepEqual(authors('bugreports_GreekStyleProblems'), ['Κώστας Καρυωτάκης']);
    assert.deepEqual(authors('fixedkey'), [
      'Alexander von Humboldt',
      'Cuba Gooding Jr.',
      'Jean de La Fontaine',
      'Georg Henrik Auto von Wright',
      'Georg Henrik Explicit von Wright',
    ]);
    assert.deepEqual(authors('name_MultipleLiteral'), ['Alfred Benzon Foundation', 'James Benson Foundation', 'John Candy Foundation']);
    assert.deepEqual(authors('name_ParseNames'), ['Eric van der Vlist', 'Vincent van Gogh']);
  });

  it('decodes titles and skips the @preamble', () => {
    assert.equal(entries.length, 6);
    assert.equal(entries.find((e) => e.key === 'king_have_1968')!.title, '"I Have a Dream" : The Quotations of Martin Luther King JR');
    assert.equal(entries.find((e) => e.key === 'name_ParseNames')!.title, 'Name_ParseNames');
    assert.equal(entries.find((e) => e.key === 'fixedkey')!.year, 1963);
  });
});

describe('parseBibtex on other tools\' exports (test/fixtures/library/README.md)', () => {
  it('reads an ADS export: a quoted title in braces with TeX quotation marks, braced family names, an old-style arXiv id', () => {
    const { entries, problems } = parseBibtex(fixture('better-bibtex-ads.bib'), 'ads.bib');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      entries.map((e) => [e.key, e.title, e.authors, e.year, e.doi, e.arxivId]),
      [
        [
          '2004A&A...424..927C',
          'Bright metal-poor variables: Why “Anomalous” Cepheids?',
          ['F. Caputo', 'V. Castellani', "S. Degl'Innocenti", 'G. Fiorentino', 'M. Marconi'],
          2004,
          '10.1051/0004-6361:20040307',
          'astro-ph/0405395',
        ],
      ],
    );
  });

  it("reads JabRef's entries without a key as papers that cannot be cited, one warning each", () => {
    const { entries, problems } = parseBibtex(fixture('jabref-keyless.bib'), 'keyless.bib');
    assert.deepEqual(
      entries.map((e) => [e.key, e.type, e.title, e.authors, e.year, e.doi, e.line]),
      [
        [undefined, 'conference', 'Episode-Rule Mining with Minimal Occurrences via First Local Maximization in Confidence', ['H. K. Dai'], 2018, '10.1145/3287921.3287982', 3],
        [undefined, 'book', 'Wave Energy Conversion', ['R. Bhattacharyya', 'M. E. McCormick'], 2013, undefined, 19],
      ],
    );
    assert.deepEqual(problems.map((p) => [p.line, p.severity]), [[3, 'warning'], [19, 'warning']]);
  });

  it('reads DOIs written as dx.doi.org and doi.acm.org links (a JabRef library from BibDesk)', () => {
    const { entries, problems } = parseBibtex(fixture('jabref-doi-urls.bib'), 'doi.bib');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      entries.map((e) => [e.key, e.doi]),
      [
        ['1102917', '10.1007/s00779-005-0347-6'],
        ['1137631', '10.1145/1137627.1137631'],
        ['1132768', '10.1145/1132736.1132768'],
      ],
    );
  });
});

describe('parseBibtex tolerance', () => {
  const broken = [
    '@article{first, title = {First}, year = 2020}', // 1
    '', // 2
    '@inproceedings{broken,', // 3
    '  title = {Broken {entry,', // 4
    '  author = {X}', // 5
    '}', // 6
    '', // 7
    '@misc{after, title = {After the broken one}}', // 8
    '@artcle{typo, title = {Typo in the type}}', // 9
    '@article{notitle, author = {Doe, Jane}}', // 10
    '@article{FIRST, title = {Same key again}}', // 11
    '@article{last, title = {Last}}', // 12
  ].join('\n');
  let entries: readonly LibraryEntry[], problems: readonly LibraryProblem[];
  beforeEach(() => ({ entries, problems } = parseBibtex(broken, 'broken.bib')));

  it('reads every other entry, including the ones after a broken one', () => {
    assert.deepEqual(entries.map((e) => e.key), ['first', 'after', 'typo', 'last']);
    assert.equal(entries[1].title, 'After the broken one');
  });

  it('makes each malformed entry one problem, at its line', () => {
    assert.deepEqual(
      problems.map((p) => [p.line, p.severity]),
      [
        [3, 'error'],
        [9, 'warning'],
        [10, 'error'],
        [11, 'error'],
      ],
    );
    assert.equal(formatLibraryProblem(problems[0]), 'broken.bib:3: error: @inproceedings{broken}: field "title": "{" at line 4 is never closed; skipped');
    assert.match(problems[1].message, /unknown entry type "@artcle"; read as a paper anyway/);
    assert.match(problems[2].message, /@article\{notitle\} has no title; skipped/);
    assert.match(problems[3].message, /the key "FIRST" is already used by the entry at line 1; skipped/);
  });

  it('reports an entry that is never closed at the end of the file, and keeps the ones before', () => {
    const { entries: e, problems: p } = parseBibtex('@misc{a, title={A}}\n@misc{b, title={B}', 'end.bib');
    assert.deepEqual(e.map((x) => x.key), ['a']);
    assert.deepEqual(p.map((x) => [x.line, x.message]), [[2, '@misc{b} is not closed with "}"; skipped']]);
  });

  it('reports syntax errors inside an entry and goes on with the next entry', () => {
    const text = '@article{x,\n  title = {X}\n  author = {A}\n}\n@article{y, title {Y}}\n@article{z, title = }\n@article{ok, title = {OK}}';
    const { entries: e, problems: p } = parseBibtex(text, 'syntax.bib');
    assert.deepEqual(e.map((x) => x.key), ['ok']);
    assert.deepEqual(
      p.map((x) => [x.line, x.message]),
      [
        [1, '@article{x}: expected "," or "}" at line 3, found "author = {A}"; skipped'],
        [5, '@article{y}: field "title" has no "="; skipped'],
        [6, '@article{z}: field "title" has no value; skipped'],
      ],
    );
  });

  it('reports an entry without a key', () => {
    const { entries: e, problems: p } = parseBibtex('@article{title = {No key}}\n@article{k, title = {K}}', 'nokey.bib');
    assert.deepEqual(e.map((x) => x.key), ['k']);
    assert.deepEqual(p.map((x) => [x.line, x.message]), [[1, '@article has no citation key; skipped']]);
  });

  it('ignores free text and e-mail addresses between entries, and % comments', () => {
    const text = 'My references, ask me@example.org\n% @article{hidden, title = {Hidden}}\n@article{shown, title = {Shown}}';
    const { entries: e, problems: p } = parseBibtex(text, 'comments.bib');
    assert.deepEqual(e.map((x) => x.key), ['shown']);
    assert.deepEqual(p, []);
  });
});

describe('parseBibtex syntax', () => {
  it('reads @string macros, # concatenation, month names and quoted values', () => {
    const text = '@string{cvpr = "Proceedings of CVPR"}\n@inproceedings{k, title = "A {Quoted} Title", booktitle = cvpr # " 2020", month = jan, year = 2020}';
    const [e] = parseBibtex(text, 's.bib').entries;
    assert.equal(e.title, 'A Quoted Title');
    assert.equal(e.venue, 'Proceedings of CVPR 2020');
  });

  it('warns about an undefined @string and still reads the entry', () => {
    const { entries, problems } = parseBibtex('@article{k, title = {T}, journal = jmlr}', 'u.bib');
    assert.equal(entries[0].venue, 'jmlr');
    assert.deepEqual(problems.map((p) => [p.line, p.severity, p.message]), [[1, 'warning', '@article{k}: @string "jmlr" is not defined; its name is used as the value of "journal"']]);
  });

  it('warns about an undefined @string used in another @string\'s definition, at that definition\'s line, once', () => {
    const text = '% venues\n@string{acl = "Proc. of " # assoc # " Meeting"}\n@article{k, title = {T}, journal = acl}\n@article{m, title = {M}, journal = acl}';
    const { entries, problems } = parseBibtex(text, 's.bib');
    assert.deepEqual(entries.map((e) => e.venue), ['Proc. of assoc Meeting', 'Proc. of assoc Meeting']);
    assert.deepEqual(problems.map((p) => [p.line, p.severity, p.message]), [[2, 'warning', '@string "assoc" is not defined; its name is used as the value of @string "acl"']]);
  });

  it('reads entries in parentheses, several on a line, and @comment blocks', () => {
    const text = '@comment{ jabref-meta: x@y; }@article(p, title = {In parentheses})@misc{q, title={Q}} @misc{r, title={R}}';
    assert.deepEqual(parseBibtex(text, 'p.bib').entries.map((e) => e.key), ['p', 'q', 'r']);
  });

  it('counts lines with Windows line endings and after a byte-order mark', () => {
    const text = '\uFEFF@misc{a,\r\n  title = {A}\r\n}\r\n\r\n@misc{b, title = {B}}\r\n';
    assert.deepEqual(parseBibtex(text, 'crlf.bib').entries.map((e) => [e.key, e.line]), [['a', 1], ['b', 5]]);
  });

  it('finds the arXiv id wherever an entry gives it', () => {
    const ids = parseBibtex(
      [
        '@misc{a, title={A}, eprint={2101.00001v2}, archivePrefix={arXiv}}',
        '@misc{b, title={B}, url={https://arxiv.org/abs/2102.00002v3}}',
        '@misc{c, title={C}, doi={10.48550/arXiv.2103.00003}}',
        '@article{d, title={D}, journal={arXiv preprint arXiv:2104.00004}}',
        '@misc{e, title={E}, eprint={hep-th/9901001}, eprinttype={arxiv}}',
        '@misc{f, title={F}, eprint={12345678}, eprinttype={pubmed}}',
        '@misc{g, title={G}, arxivId={2105.00005}}',
        '@misc{h, title={H}, eprint={2106.00006}}',
        '@misc{i, title={I}, eprint={2107.00007}, eprinttype={hal}}',
      ].join('\n'),
      'ids.bib',
    ).entries.map((e) => e.arxivId);
    assert.deepEqual(ids, ['2101.00001', '2102.00002', '2103.00003', '2104.00004', 'hep-th/9901001', undefined, '2105.00005', '2106.00006', undefined]);
  });

  it('cleans DOIs and reads years from year or date', () => {
    const [a, b] = parseBibtex('@article{a, title={A}, doi={https://doi.org/10.1000/XYZ.1}, date={2021-03-04}}\n@article{b, title={B}, doi={not a doi}, year={circa 1999}}', 'd.bib').entries;
    assert.equal(a.doi, '10.1000/XYZ.1');
    assert.equal(a.year, 2021);
    assert.equal(b.doi, undefined);
    assert.equal(b.year, 1999);
  });

  it('fills venue and year from the entry a crossref names', () => {
    const text = '@inproceedings{child, title={Child}, crossref={proc}}\n@proceedings{proc, title={Proceedings of Something}, year={2019}}';
    const [child] = parseBibtex(text, 'x.bib').entries;
    assert.equal(child.venue, 'Proceedings of Something');
    assert.equal(child.year, 2019);
  });

  it('takes an untitled parent\'s journal, event title or date, and reads keyless entries beside a crossref', () => {
    const text = [
      '@article{c1, title = {C1}, crossref = {p1}}',
      '@periodical{p1, journaltitle = {Journal of Things}, date = {2019-06}}',
      '@inproceedings{c2, title = {C2}, crossref = {p2}}',
      '@proceedings{p2, eventtitle = {Workshop on Things}, year = {2020}}',
      '@misc{, title = {Keyless}}',
      '@misc{, year = 2020}',
      '@article{c3, title = {C3}, crossref = {p3}}',
      '@book{p3, journal = {Old Journal}}',
    ].join('\n');
    const { entries } = parseBibtex(text, 'x.bib');
    assert.deepEqual(entries.map((e) => [e.key, e.venue, e.year]), [
      ['c1', 'Journal of Things', 2019],
      ['c2', 'Workshop on Things', 2020],
      [undefined, undefined, undefined],
      ['c3', 'Old Journal', undefined],
    ]);
  });

  it('fills venue and year from a crossref parent that has no title of its own (DBLP writes proceedings so)', () => {
    const text = [
      '@inproceedings{Collobert+Weston-2007,',
      '  author    = {Ronan Collobert and Jason Weston},',
      '  title     = {Fast Semantic Extraction Using a Novel Neural Network Architecture},',
      '  crossref  = {DBLP:conf/acl/2007},',
      '}',
      '@proceedings{DBLP:conf/acl/2007,',
      '  booktitle     = {ACL 2007, Proceedings of the 45th Annual Meeting of the',
      '               Association for Computational Linguistics},',
      '  year      = {2007},',
      '}',
    ].join('\n');
    const { entries, problems } = parseBibtex(text, 'x.bib');
    assert.deepEqual(entries.map((e) => [e.key, e.venue, e.year]), [
      ['Collobert+Weston-2007', 'ACL 2007, Proceedings of the 45th Annual Meeting of the Association for Computational Linguistics', 2007],
    ]);
    // The parent is still no paper of its own.
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [[6, '@proceedings{DBLP:conf/acl/2007} has no title; skipped']]);
  });

  it('falls back to editors when an entry has no authors', () => {
    const [e] = parseBibtex('@book{e, title={Edited}, editor={Doe, Jane and Roe, Rick}}', 'e.bib').entries;
    assert.deepEqual(e.authors, ['Jane Doe', 'Rick Roe']);
  });
});

describe('parseBibtex messages, each naming the entry and its line', () => {
  const messages = (text: string) => parseBibtex(text, 'm.bib').problems.map((p) => formatLibraryProblem(p));

  it('reports an "@type" at the start of a line with no "{" or "(" after it', () => {
    const { entries, problems } = parseBibtex('Notes\n  @article title\n@misc{a, title={A}}', 'm.bib');
    assert.deepEqual(entries.map((e) => e.key), ['a']);
    assert.deepEqual(problems.map((p) => formatLibraryProblem(p)), ['m.bib:2: error: "@article" is not followed by "{" or "("; skipped']);
  });

  it('reports broken @string definitions and keeps reading', () => {
    assert.deepEqual(messages('@string{= "x"}\n@string{foo "x"}\n@string{bar = "x" "y"}\n@string{baz = "x",\n  oops}'), [
      'm.bib:1: error: @string has no name; skipped',
      'm.bib:2: error: @string "foo" has no "="; skipped',
      'm.bib:3: error: @string "bar" is not closed with "}"; skipped',
      'm.bib:4: error: @string "baz" is not closed with "}" at line 5; skipped',
    ]);
  });

  it('names @string and @preamble in the errors of their values', () => {
    assert.deepEqual(messages('@string{x = "open}\n@preamble{"open}\n@misc{a, title = !}'), [
      'm.bib:1: error: @string "x": \'"\' is never closed; skipped',
      'm.bib:2: error: @preamble: \'"\' is never closed; skipped',
      'm.bib:3: error: @misc{a}: field "title" has no value; skipped',
    ]);
  });

  it('reports a @preamble that is not closed', () => {
    assert.deepEqual(messages('@preamble{"a" junk}\n@preamble("a"\n  }'), [
      'm.bib:1: error: @preamble is not closed with "}"; skipped',
      'm.bib:2: error: @preamble is not closed with ")" at line 3; skipped',
    ]);
  });

  it('reports a missing field name, a quote never closed and a value cut off', () => {
    assert.deepEqual(messages('@misc{a, = {x}}\n@misc{b, title = "open}\n@misc{c, title = {C} #}\n@misc{d, title = {D}, note = {x} % comment'), [
      'm.bib:1: error: @misc{a}: expected a field name, found "= {x}}"; skipped',
      'm.bib:2: error: @misc{b}: field "title": \'"\' is never closed; skipped',
      'm.bib:3: error: @misc{c}: field "title" has no value; skipped',
      'm.bib:4: error: @misc{d} is not closed with "}"; skipped',
    ]);
  });

  it('quotes at most 20 characters of what it found', () => {
    assert.deepEqual(messages('@misc{a, title = {A} author = {Someone With A Long Name}}'), [
      'm.bib:1: error: @misc{a}: expected "," or "}", found "author = {Someone Wi"; skipped',
    ]);
    assert.deepEqual(messages('@misc{a, title = {A} author = {Someone With A Long Name}}\n'), [
      'm.bib:1: error: @misc{a}: expected "," or "}", found "author = {Someone Wi"; skipped',
    ]);
  });

  it('reports a key that ends at a space, and an entry with no fields', () => {
    assert.deepEqual(messages('@misc{two words, title={T}}\n@misc{bare}'), [
      'm.bib:1: error: @misc{two}: expected "," or "}", found "words, title={T}}"; skipped',
      'm.bib:2: error: @misc{bare} has no title; skipped',
    ]);
  });

  it('reports an empty title as no title', () => {
    assert.deepEqual(messages('@misc{a, title = {}}\n@misc{b, title = { {} }}'), ['m.bib:1: error: @misc{a} has no title; skipped', 'm.bib:2: error: @misc{b} has no title; skipped']);
  });

  it('warns about an undefined @string only for an entry that is read, and only in a field it keeps', () => {
    const text = '@misc{a, journal = jmlr}\n@misc{b, title = {B}, publisher = acm}\n@misc{c, title = {C}, journal = jmlr}';
    const { entries, problems } = parseBibtex(text, 'w.bib');
    assert.deepEqual(entries.map((e) => [e.key, e.venue]), [['b', undefined], ['c', 'jmlr']]);
    // No paper shows a publisher, so nothing to warn of there.
    assert.deepEqual(problems.map((p) => formatLibraryProblem(p)), [
      'w.bib:1: error: @misc{a} has no title; skipped',
      'w.bib:3: warning: @misc{c}: @string "jmlr" is not defined; its name is used as the value of "journal"',
    ]);
  });

  it('says "1 more time" when a name is used twice', () => {
    const { problems } = parseBibtex('@misc{a, title = {A}, journal = jx}\n@misc{b, title = {B}, journal = jx}', 'one.bib');
    assert.deepEqual(problems.map((p) => p.message), ['@misc{a}: @string "jx" is not defined; its name is used as the value of "journal" (and 1 more time in this file)']);
  });

  it('warns once of each undefined @string, at its first use, with how many more times the file used it', () => {
    // As a file whose names another file defines (`\bibliography{strings,refs}`) uses them in every entry.
    const text = [
      '@inproceedings{a, title = {A}, booktitle = ICML08}',
      '@inproceedings{b, title = {B}, booktitle = icml08 # " workshop"}',
      '@article{c, title = {C}, journal = JMLR}',
      '@inproceedings{d, title = {D}, booktitle = ICML08, editor = ICML08ed}',
    ].join('\n');
    const { entries, problems } = parseBibtex(text, 'refs.bib');
    assert.deepEqual(entries.map((e) => e.venue), ['ICML08', 'icml08 workshop', 'JMLR', 'ICML08']);
    assert.deepEqual(problems.map((p) => formatLibraryProblem(p)), [
      'refs.bib:1: warning: @inproceedings{a}: @string "ICML08" is not defined; its name is used as the value of "booktitle" (and 2 more times in this file)',
      'refs.bib:3: warning: @article{c}: @string "JMLR" is not defined; its name is used as the value of "journal"',
      'refs.bib:4: warning: @inproceedings{d}: @string "ICML08ed" is not defined; its name is used as the value of "editor"',
    ]);
  });

  it('reads @set and @xdata without a problem and does not list them', () => {
    const { entries, problems } = parseBibtex('@set{s, entryset = {a,b}}\n@xdata{x, title = {Shared}}\n@misc{a, title = {A}}', 'set.bib');
    assert.deepEqual(entries.map((e) => e.key), ['a']);
    assert.deepEqual(problems, []);
  });
});

describe('parseBibtex syntax, more', () => {
  const one = (text: string) => {
    const { entries, problems } = parseBibtex(text, 'one.bib');
    assert.deepEqual(problems, []);
    assert.equal(entries.length, 1);
    return entries[0];
  };

  it('reads month names without a warning and @string names in any case', () => {
    const e = one('@string{CVPR = {Proc. CVPR}}\n@misc{a, title = {A}, month = dec, booktitle = cvpr}');
    assert.equal(e.venue, 'Proc. CVPR');
  });

  it('reads @string in parentheses with a trailing comma, and # with numbers', () => {
    const e = one('@string(top = "Top",)\n@misc{a, title = top # " " # 10 # {!}}');
    assert.equal(e.title, 'Top 10!');
  });

  it('reads numbers starting with 0 or 9 in fields it does not keep', () => {
    assert.equal(one('@misc{a, title = {A}, volume = 0, number = 9}').title, 'A');
  });

  it('closes a quoted value only outside every brace group', () => {
    assert.equal(one('@misc{a, title = "{{A}"}"}').title, 'A"');
  });

  it('keeps the first of a repeated field, and a trailing comma', () => {
    assert.equal(one('@misc{a, title = {First}, TITLE = {Second},}').title, 'First');
  });

  it('reads quoted values with braces and escaped quotes, and braced values with escaped braces', () => {
    assert.equal(one('@misc{a, title = "Say {"}hi{"} to M\\"uller"}').title, 'Say "hi" to Müller');
    assert.equal(one('@misc{a, title = {a \\} b}}').title, 'a } b');
    assert.equal(one('@misc{a, title = "x}" # "y"}').title, 'xy');
  });

  it('skips % comments between fields and after the key', () => {
    const e = one('@misc{a % key\n  , % a note\n  title = % here\n {A} % end\n}');
    assert.equal(e.title, 'A');
  });

  it('reads "@ type", a space before the brace and an indented entry line as entries', () => {
    const text = '@ misc {a, title = {A}}\n  \t@misc{b, title = {B}}\n@Misc (c, title = {C})';
    assert.deepEqual(parseBibtex(text, 's.bib').entries.map((e) => [e.key, e.type, e.line]), [['a', 'misc', 1], ['b', 'misc', 2], ['c', 'misc', 3]]);
  });

  it('skips a @comment with braces inside, and reads on inside one left open', () => {
    assert.deepEqual(parseBibtex('@comment{ x {@misc{hidden, title={H}}} }\n@misc{a, title={A}}', 'c.bib').entries.map((e) => e.key), ['a']);
    assert.deepEqual(parseBibtex('@comment{ open @misc{inside, title={I}}', 'c.bib').entries.map((e) => e.key), ['inside']);
    assert.deepEqual(parseBibtex('@comment(x) @misc{after, title={A}}', 'c.bib').entries.map((e) => e.key), ['after']);
  });

  it('ignores an @ followed by no name', () => {
    const { entries, problems } = parseBibtex('@123 and @{x}\n@misc{a, title={A}}', 'n.bib');
    assert.deepEqual(entries.map((e) => e.key), ['a']);
    assert.deepEqual(problems, []);
  });

  it('takes the venue from journal, then journaltitle, then booktitle, then eventtitle', () => {
    assert.equal(one('@misc{a, title={A}, eventtitle={E}, booktitle={B}, journaltitle={JT}, journal={J}}').venue, 'J');
    assert.equal(one('@misc{a, title={A}, eventtitle={E}, booktitle={B}, journaltitle={JT}}').venue, 'JT');
    assert.equal(one('@misc{a, title={A}, eventtitle={E}, booktitle={B}}').venue, 'B');
    assert.equal(one('@misc{a, title={A}, eventtitle={E}}').venue, 'E');
    assert.equal(one('@misc{a, title={A}, journal={}}').venue, undefined);
  });

  it('prefers the year field to the date, and decodes keywords', () => {
    const e = one('@misc{a, title={A}, date={2001-01-01}, year={1999}, keywords={M{\\"u}nchen; ML, ML}}');
    assert.equal(e.year, 1999);
    assert.deepEqual(e.keywords, ['München', 'ML']);
  });

  it('reads an empty URL as none and a URL given with \\url', () => {
    assert.equal(one('@misc{a, title={A}, url={}}').url, undefined);
    assert.equal(one('@misc{a, title={A}, url={\\url{https://x.org/a\\_b}}}').url, 'https://x.org/a_b');
  });

  it('finds the arXiv id in a note or howpublished, and not in an eprint of another archive', () => {
    const ids = parseBibtex(
      [
        '@misc{a, title={A}, note={arXiv:2101.00001}}',
        '@misc{b, title={B}, howpublished={arXiv preprint arXiv:2102.00002}}',
        '@misc{c, title={C}, eprint={2103.00003}, archiveprefix={HAL}, url={https://arxiv.org/abs/2104.00004}}',
        '@misc{d, title={D}, eprint={not an id}, arxivid={2105.00005}}',
        '@misc{e, title={E}, eprint={2106.00006}, eprinttype={ arXiv }}',
      ].join('\n'),
      'ids.bib',
    ).entries.map((e) => e.arxivId);
    assert.deepEqual(ids, ['2101.00001', '2102.00002', '2104.00004', '2105.00005', '2106.00006']);
  });

  it('resolves a crossref case-insensitively, keeps the child\'s own fields and ignores a missing parent', () => {
    const text = [
      '@inproceedings{c1, title={C1}, crossref={ PROC }}',
      '@inproceedings{c2, title={C2}, crossref={proc}, booktitle={Own}, year={2001}}',
      '@inproceedings{c3, title={C3}, crossref={nowhere}}',
      '@proceedings{proc, title={Proceedings}, booktitle={Book of Proc}, year={2019}}',
    ].join('\n');
    const [c1, c2, c3] = parseBibtex(text, 'x.bib').entries;
    assert.deepEqual([c1.venue, c1.year], ['Book of Proc', 2019]);
    assert.deepEqual([c2.venue, c2.year], ['Own', 2001]);
    assert.deepEqual([c3.venue, c3.year], [undefined, undefined]);
  });

  it('gives each entry its offsets in the file, also after an entry cut off by the next entry line', () => {
    const text = '@misc{a, title={A}}\n@misc{b, title={B\n@misc{c, title={C}} @misc{d, title={D}}';
    const { entries, problems } = parseBibtex(text, 'o.bib');
    assert.deepEqual(entries.map((e) => [e.key, e.line, e.start, e.original]), [
      ['a', 1, 0, '@misc{a, title={A}}'],
      ['c', 3, text.indexOf('@misc{c'), '@misc{c, title={C}}'],
      ['d', 3, text.indexOf('@misc{d'), '@misc{d, title={D}}'],
    ]);
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [[2, '@misc{b}: field "title": "{" is never closed; skipped']]);
  });
});

describe('library entry helpers', () => {
  it('counts lines forwards and backwards, in text and in bytes', () => {
    for (const source of ['a\nb\nc\nd', Buffer.from('a\nb\nc\nd')]) {
      const lines = new LineCounter(source);
      assert.deepEqual([0, 1, 2, 6, 4, 2, 0, 6].map((o) => lines.lineAt(o)), [1, 1, 2, 4, 3, 2, 1, 4]);
    }
    const lines = new LineCounter('a\nb\nc');
    assert.deepEqual([3, 2, 4, 3, 1, 0].map((o) => lines.lineAt(o)), [2, 2, 3, 2, 1, 1]);
    assert.equal(lineOf('x\n\ny', 3), 3);
  });

  it('takes the DOI a doi.org link in the URL names when there is no doi field, and no other URL for one', () => {
    const text = [
      '@article{kiwi, title={KiWi}, url = {https://doi.org/10.1145/3399718}}',
      '@article{both, title={Both}, url = {https://doi.org/10.1145/1}, doi = {10.1145/2}}',
      '@article{page, title={Page}, url = {https://example.org/10.1145/3}}',
      '@article{plain, title={Plain}, url = {http://dx.doi.org/10.1145/4}}',
      '@article{old, title={Old}, doi = {http://doi.acm.org/10.1145/1015330.1015415}}',
    ].join('\n');
    assert.deepEqual(parseBibtex(text, 'd.bib').entries.map((e) => [e.key, e.doi]), [
      ['kiwi', '10.1145/3399718'],
      ['both', '10.1145/2'],
      ['page', undefined],
      ['plain', '10.1145/4'],
      ['old', '10.1145/1015330.1015415'],
    ]);
  });

  it('cleans DOIs of their resolver prefix and rejects what is not a DOI', () => {
    assert.equal(cleanDoi(' doi: 10.1000/x.1 '), '10.1000/x.1');
    assert.equal(cleanDoi('http://dx.doi.org/10.1000/ABC'), '10.1000/ABC');
    assert.equal(cleanDoi('DOI:10.123456789/x'), '10.123456789/x');
    // Older resolvers and publishers' pages, as ACM and IEEE exports wrote them.
    assert.equal(cleanDoi('http://doi.acm.org/10.1145/1015330.1015415'), '10.1145/1015330.1015415');
    assert.equal(cleanDoi('http://doi.ieeecomputersociety.org/10.1109/cvpr.2004.144'), '10.1109/cvpr.2004.144');
    assert.equal(cleanDoi('https://dl.acm.org/doi/abs/10.1145/3183713.3196895'), '10.1145/3183713.3196895');
    assert.equal(cleanDoi('https://doi.org/doi:10.1000/y'), '10.1000/y');
    assert.equal(cleanDoi('doi 10.1016/j.amc.2006.08.020'), '10.1016/j.amc.2006.08.020');
    assert.equal(cleanDoi('https://example.org/papers/10.1000/x'), undefined);
    assert.equal(cleanDoi('10.123/x'), undefined);
    assert.equal(cleanDoi('10.1234567890/x'), undefined);
    assert.equal(cleanDoi('10.1000/a b'), undefined);
    assert.equal(cleanDoi('see 10.1000/x'), undefined);
    assert.equal(cleanDoi(undefined), undefined);
  });

  it('cleans arXiv ids of prefix, version, subject class and .pdf', () => {
    assert.equal(cleanArxivId(' arXiv: 2101.00001v3'), '2101.00001');
    assert.equal(cleanArxivId('2101.12345.pdf'), '2101.12345');
    assert.equal(cleanArxivId('arXiv:2101.12345'), '2101.12345');
    assert.equal(cleanArxivId('2101.12345arXiv:'), undefined);
    assert.equal(cleanArxivId('Math.GT/0309136v2'), 'math/0309136');
    assert.equal(cleanArxivId('hep-th/9901001'), 'hep-th/9901001');
    assert.equal(cleanArxivId('2101.123'), undefined);
    assert.equal(cleanArxivId('x2101.12345'), undefined);
    assert.equal(cleanArxivId('2101.12345 more'), undefined);
    assert.equal(cleanArxivId('hep/99010012'), undefined);
    assert.equal(cleanArxivId(''), undefined);
  });

  it('finds the arXiv id a URL, DOI or note names', () => {
    assert.equal(arxivIdIn('https://arxiv.org/pdf/2101.00001v2'), '2101.00001');
    assert.equal(arxivIdIn('https://arxiv.org/html/2101.00001'), '2101.00001');
    assert.equal(arxivIdIn('arxiv.org/abs/math.GT/0309136'), 'math/0309136');
    assert.equal(arxivIdIn('ArXiv preprint 2101.00001'), '2101.00001');
    assert.equal(arxivIdIn('arXiv preprint arXiv: 2101.00001'), '2101.00001');
    assert.equal(arxivIdIn('10.48550/arXiv.2101.00001'), '2101.00001');
    assert.equal(arxivIdIn('preprint 2101.00001'), undefined);
    assert.equal(arxivIdIn(undefined), undefined);
  });

  it('reads the first year between 1000 and 2999 that is not part of a longer number', () => {
    assert.equal(yearIn('2021-03-04'), 2021);
    assert.equal(yearIn('c.1999'), 1999);
    assert.equal(yearIn('12345 and 2001'), 2001);
    assert.equal(yearIn('0999'), undefined);
    assert.equal(yearIn('3000'), undefined);
    assert.equal(yearIn('1000'), 1000);
    assert.equal(yearIn(''), undefined);
  });

  it('splits keywords at commas and semicolons, trimmed and unique', () => {
    assert.deepEqual(splitKeywords(' a ;b,, a ,c;'), ['a', 'b', 'c']);
    assert.deepEqual(splitKeywords(undefined), []);
  });

  it('quotes a value in one line, cut at the given length', () => {
    assert.equal(preview('  a\n  b  '), 'a b');
    assert.equal(preview('abcdef', 6), 'abcdef');
    assert.equal(preview('abcdefg', 6), 'abc...');
  });
});

describe('parseBibtex, where entries and keys end', () => {
  it('costs a broken entry only itself, whatever form the next entry line takes', () => {
    const text = [
      '\uFEFF@misc{broken, title = {never closed',
      '@note to self',
      '\t @ Az_z-0:Z\t{k1, title = {K1}}',
      '@misc{broken2, title = {never closed',
      'see @misc{lost, title = {Lost}}',
      '@\tmisc{k2, title = {K2}}',
      '@misc{broken3, title = {never closed\r@misc{k3, title = {K3}}',
    ].join('\n');
    const { entries, problems } = parseBibtex(text, 'b.bib');
    assert.deepEqual(entries.map((e) => [e.key, e.type, e.line]), [['k1', 'az_z-0:z', 3], ['k2', 'misc', 6], ['k3', 'misc', 7]]);
    assert.deepEqual(problems.map((p) => [p.line, p.severity]), [[1, 'error'], [3, 'warning'], [4, 'error'], [7, 'error']]);
  });

  it('ends a key at a comma, a closing delimiter, "=", "%" or any whitespace', () => {
    const text = '@misc{a,title={A}}\n@misc{b%c\n,title={B}}\n@misc{c\t,title={C}}\n@misc{d\r\n,title={D}}\n@misc(e)\n@misc{f}\n@misc{g\n,title={G}}';
    const { entries, problems } = parseBibtex(text, 'k.bib');
    assert.deepEqual(entries.map((e) => e.key), ['a', 'b', 'c', 'd', 'g']);
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [[7, '@misc{e} has no title; skipped'], [8, '@misc{f} has no title; skipped']]);
  });

  it('reads an entry whose key is empty as a paper without a key, and reports one whose key is a field name', () => {
    const { entries, problems } = parseBibtex('@misc{, title={A}}\n@misc{title={B}}\n@misc{ , title={C}}', 'k.bib');
    assert.deepEqual(entries.map((e) => [e.key, e.title]), [[undefined, 'A'], [undefined, 'C']]);
    assert.deepEqual(problems.map((p) => [p.line, p.severity, p.message]), [
      [1, 'warning', '@misc{} has no citation key; read as a paper, which cannot be cited'],
      [2, 'error', '@misc has no citation key; skipped'],
      [3, 'warning', '@misc{} has no citation key; read as a paper, which cannot be cited'],
    ]);
  });

  it("reads Mendeley's entries exported without a key", () => {
    // As Mendeley Desktop exports a document it has no key for (seen in a thesis's mendeley.bib).
    const text = [
      '@article{,',
      'file = {:home/user/Mendeley Desktop/Downloaded/Unknown - 2009 - A Specialized Inter-Curve.pdf:pdf},',
      'journal = {Science},',
      'title = {{A Specialized Inter-Curve}},',
      'year = {2009}',
      '}',
      '@article{Blankertz2008,',
      'title = {{Optimizing Spatial filters}},',
      'year = {2008}',
      '}',
    ].join('\n');
    const { entries, problems } = parseBibtex(text, 'mendeley.bib');
    assert.deepEqual(entries.map((e) => [e.key, e.title, e.venue, e.year, e.line]), [
      [undefined, 'A Specialized Inter-Curve', 'Science', 2009, 1],
      ['Blankertz2008', 'Optimizing Spatial filters', undefined, 2008, 7],
    ]);
    assert.deepEqual(problems.map((p) => [p.line, p.severity]), [[1, 'warning']]);
  });

  it('closes a quoted value at its quote even after an unbalanced "}"', () => {
    const { entries, problems } = parseBibtex('@misc{a, title = "x } y", note = {n}}', 'q.bib');
    assert.deepEqual(problems, []);
    assert.equal(entries[0].title, 'x y');
  });

  it('skips an @ on a line with a % before it, up to the end of the file', () => {
    const text = 'note % @misc{h1, title={H1}}\nfree text @misc{a, title={A}}\n% @misc{h2, title={H2}}';
    const { entries, problems } = parseBibtex(text, 'c.bib');
    assert.deepEqual(entries.map((e) => [e.key, e.line]), [['a', 2]]);
    assert.deepEqual(problems, []);
  });

  it('reads an entry glued to the text before it', () => {
    assert.deepEqual(parseBibtex('x@misc{a, title={A}}', 'g.bib').entries.map((e) => e.key), ['a']);
  });

  it('gives the entry after a warning its own line', () => {
    const { entries, problems } = parseBibtex('@misc{a, title={A}, journal=jx}\nx @misc{b, title={B}}', 'w.bib');
    assert.deepEqual(entries.map((e) => [e.key, e.line]), [['a', 1], ['b', 2]]);
    assert.deepEqual(problems.map((p) => [p.line, p.severity]), [[1, 'warning']]);
  });

  it('quotes what it found up to the end of the file', () => {
    assert.deepEqual(parseBibtex('@misc{a, title = {A} x}', 'e.bib').problems.map((p) => p.message), ['@misc{a}: expected "," or "}", found "x}"; skipped']);
  });
});
