import { strict as assert } from 'node:assert';
import { parseCslJson } from '../../src/core/library/cslJson';
import type { LibraryEntry, LibraryParse, LibraryProblem } from '../../src/core/library/entry';
import { fixture } from './libraryHelpers';

describe('parseCslJson on a Pandoc CSL-JSON export', () => {
  const text = fixture('pandoc-citation.json');
  let entries: readonly LibraryEntry[], problems: readonly LibraryProblem[], format: LibraryParse['format'];
  beforeEach(() => ({ entries, problems, format } = parseCslJson(text, 'refs.json')));
  const byKey = (key: string) => entries.find((e) => e.key === key)!;

  it('reads every item with no problems', () => {
    assert.equal(format, 'csl-json');
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => e.key), ['Adams2001', 'Berndt1994', 'Dunning2016', 'Wordsworth1883']);
  });

  it('gives the fields a reader expects, rich-text markup removed', () => {
    const adams = byKey('Adams2001');
    assert.equal(adams.type, 'article-journal');
    assert.equal(adams.title, 'The physical volcanology of the 1600 eruption of Huaynaputina, southern Peru');
    assert.deepEqual(adams.authors.slice(0, 2), ['Nancy K Adams', 'Shanaka L DeSilva']);
    assert.equal(adams.authors.length, 7);
    assert.equal(adams.year, 2014);
    assert.equal(adams.venue, 'Bulletin of Volcanology');
    assert.equal(byKey('Berndt1994').title, 'Skizze zur Auslegungsgeschichte der Bücher Prouerbia und Ecclesiastes in der abendländischen Kirche');
    assert.equal(byKey('Berndt1994').doi, '10.1484/J.SE.2.303788');
    assert.equal(byKey('Dunning2016').title, 'Samuel Presbiter: Notes from the school of William de Montibus. Collecta ex diuersis auditis in scola magistri Willelmi de Monte');
    assert.match(byKey('Wordsworth1883').title, /from the St\. Germain ms\. \(g1\), now numbered/);
  });

  it('takes editors when an item has no authors', () => {
    assert.deepEqual(byKey('Wordsworth1883').authors, ['John Wordsworth']);
    assert.equal(byKey('Wordsworth1883').url, 'https://archive.org/details/gospelaccording00goog');
  });

  it('records the line where each item starts and its original text', () => {
    assert.deepEqual(entries.map((e) => e.line), [2, 54, 88, 111]);
    for (const e of entries) {
      assert.equal(text.slice(e.start, e.end), e.original);
      assert.equal((JSON.parse(e.original!) as { id: string }).id, e.key);
    }
  });
});

describe('parseCslJson from bytes', () => {
  it('reads a file\'s UTF-8 bytes exactly as its text, with UTF-16 offsets into that text', () => {
    const text = '\uFEFF[\n  {"id": "a", "title": "Caf\u00e9 🦉 \\"quoted\\""},\n  {"id": "b", "title": "B"}\n]';
    const fromText = parseCslJson(text, 'u.json');
    assert.deepEqual(parseCslJson(Buffer.from(text, 'utf8'), 'u.json'), fromText);
    assert.deepEqual(parseCslJson(new TextEncoder().encode(text), 'u.json'), fromText);
    assert.deepEqual(fromText.entries.map((e) => [e.key, e.title, e.line]), [['a', 'Café 🦉 "quoted"', 2], ['b', 'B', 3]]);
    for (const e of fromText.entries) assert.equal(text.slice(e.start, e.end), e.original);
  });
});

describe('parseCslJson tolerance', () => {
  const item = (id: string, extra = '') => `  {"id": "${id}", "type": "article", "title": "Title ${id}"${extra}}`;

  it('reads an object with "items"', () => {
    const { entries } = parseCslJson(`{"items": [\n${item('a')}\n]}`, 'obj.json');
    assert.deepEqual(entries.map((e) => e.key), ['a']);
  });

  it('makes a broken item one problem at its line and reads the items around it', () => {
    const text = ['[', item('a') + ',', '  {"id": "b", "title" "no colon"},', item('c'), ']'].join('\n');
    const { entries, problems } = parseCslJson(text, 'bad.json');
    assert.deepEqual(entries.map((e) => e.key), ['a', 'c']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].line, 3);
    // The wording of JSON.parse's message varies across Node versions; its position is not repeated.
    const detail = /^item is not valid JSON at line 3: (.+); skipped$/.exec(problems[0].message)![1];
    assert.doesNotMatch(detail, /position|^\s|\s$/);
    // The detail is the start of JSON.parse's own message.
    assert.throws(() => JSON.parse('{"id": "b", "title" "no colon"}'), (e: Error) => e.message.startsWith(detail));
  });

  it('reads an item with commas before its closing brackets, with a warning at its line (a hand-kept Manubot file)', () => {
    const { entries, problems } = parseCslJson(fixture('manubot-trailing-commas.json'), 'manual-references.json');
    assert.deepEqual(
      entries.map((e) => [e.key, e.title, e.authors, e.year, e.venue, e.line]),
      [
        [undefined, 'Inceptionism: Going Deeper into Neural Networks', ['Alexander Mordvintsev', 'Christopher Olah', 'Mike Tyka'], 2015, 'Google Research Blog', 2],
        [undefined, 'Deep Learning', ['Ian Goodfellow', 'Yoshua Bengio', 'Aaron Courville'], 2017, undefined, 35],
      ],
    );
    assert.deepEqual(
      problems.filter((p) => p.severity === 'warning' && /not valid JSON/.test(p.message)).map((p) => [p.line, p.message]),
      [
        [2, 'item is not valid JSON (a comment, or a comma before "}" or "]"); read as if it were'],
        [35, 'item is not valid JSON (a comment, or a comma before "}" or "]"); read as if it were'],
      ],
    );
  });

  it('reads an item with comments, naming its id in the warning, and still skips one that is broken otherwise', () => {
    const text = [
      '[',
      '  {"id": "a", "type": "article", "title": "Title a",',
      '   // "author": [{"family": "Left", "given": "Out"}],',
      '   "author": [{"family": "Kept", "given": "In"}] /* the real one */},',
      '  {"id": "b", "title" "no colon",},',
      item('c'),
      ']',
    ].join('\n');
    const { entries, problems } = parseCslJson(text, 'jsonc.json');
    assert.deepEqual(entries.map((e) => [e.key, e.authors]), [['a', ['In Kept']], ['c', []]]);
    assert.deepEqual(problems.map((p) => [p.line, p.severity, p.message.replace(/: .*; skipped$/, ': …; skipped')]), [
      [2, 'warning', 'item "a" is not valid JSON (a comment, or a comma before "}" or "]"); read as if it were'],
      [5, 'error', 'item is not valid JSON at line 5: …; skipped'],
    ]);
  });

  it('gives the line inside an item where its JSON breaks', () => {
    const { problems } = parseCslJson('[\n {"id": "b",\n  "title" "x"}\n]', 'l.json');
    assert.deepEqual(problems.map((p) => p.line), [2]);
    assert.match(problems[0].message, /^item is not valid JSON at line 3: /);
  });

  it('reads on past a missing comma between items, reporting it', () => {
    const text = ['[', item('a'), item('b'), ']'].join('\n');
    const { entries, problems } = parseCslJson(text, 'comma.json');
    assert.deepEqual(entries.map((e) => [e.key, e.line]), [['a', 2], ['b', 3]]);
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [[3, 'missing "," between items; read on']]);
  });

  it('reads past a comma after the last item, with a warning at its line', () => {
    const text = ['[', item('a') + ',', item('b') + ',', ']'].join('\n');
    const { entries, problems } = parseCslJson(text, 'trailing.json');
    assert.deepEqual(entries.map((e) => [e.key, e.line]), [['a', 2], ['b', 3]]);
    assert.deepEqual(problems.map((p) => [p.line, p.severity, p.message]), [[3, 'warning', 'a "," after the last item (not JSON); read as if it were not there']]);
    // On one line too.
    const one = parseCslJson('[{"id": "a", "title": "A"},]', 'one.json');
    assert.deepEqual(one.entries.map((e) => e.key), ['a']);
    assert.deepEqual(one.problems.map((p) => p.severity), ['warning']);
  });

  it('reports where the JSON breaks for good, with its line, and keeps the items before', () => {
    const text = ['[', item('a') + ',', '  {"id": "b", "title": "never closed', '  }', ']'].join('\n');
    const { entries, problems } = parseCslJson(text, 'unclosed.json');
    assert.deepEqual(entries.map((e) => e.key), ['a']);
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [[3, 'invalid JSON: a string is not closed; the items after it are not read']]);
  });

  it('reports a file that is not CSL-JSON, or empty, as one problem', () => {
    assert.deepEqual(parseCslJson('\n{"foo": 1}', 'x.json').problems.map((p) => [p.line, p.message]), [[2, 'not CSL-JSON: expected an array of items, or an object with "items"']]);
    assert.deepEqual(parseCslJson('', 'empty.json').problems.map((p) => p.message), ['invalid JSON: the file is empty']);
  });

  it('reports items without a title, duplicate ids and non-objects; reads an item without an id', () => {
    const text = ['[', item('a') + ',', '  {"id": "b"},', item('a') + ',', '  "just a string",', '  {"title": "No id"}', ']'].join('\n');
    const { entries, problems } = parseCslJson(text, 'items.json');
    assert.deepEqual(entries.map((e) => [e.key, e.title]), [['a', 'Title a'], [undefined, 'No id']]);
    assert.deepEqual(
      problems.map((p) => [p.line, p.severity, p.message]),
      [
        [3, 'error', 'item "b" has no title; skipped'],
        [4, 'error', 'item "a": the id "a" is already used by the item at line 2; skipped'],
        [5, 'error', 'item is not an object ("just a string"); skipped'],
        [6, 'warning', 'item "No id" has no "id"; read without a citation key'],
      ],
    );
  });

  it('finds arXiv ids in the DOI, URL or number, and years in raw dates', () => {
    const text = JSON.stringify([
      { id: 'a', title: 'A', DOI: '10.48550/arXiv.2303.08774', issued: { raw: '2023-03' } },
      { id: 'b', title: 'B', URL: 'http://arxiv.org/abs/1706.03762v7' },
      { id: 'c', title: 'C', number: 'arXiv:2106.09685', publisher: 'arXiv' },
      { id: 'd', title: 'D', keyword: 'one, two; three' },
    ]);
    const entries = parseCslJson(text, 'x.json').entries;
    assert.deepEqual(entries.map((e) => e.arxivId), ['2303.08774', '1706.03762', '2106.09685', undefined]);
    assert.equal(entries[0].year, 2023);
    assert.deepEqual(entries[3].keywords, ['one', 'two', 'three']);
  });
});

describe('parseCslJson fields', () => {
  const read = (items: unknown[]) => parseCslJson(JSON.stringify(items), 'f.json').entries;

  it('puts name particles and suffixes where a reader says them, and takes literal names whole', () => {
    const [e] = read([
      {
        id: 'a',
        title: 'A',
        author: [
          { family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' },
          { family: 'Humboldt', given: 'Alexander', 'dropping-particle': 'von' },
          { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
          { literal: 'OpenAI', family: 'Ignored' },
          { family: 'Plato' },
          {},
          null,
          'a string',
        ],
      },
    ]);
    assert.deepEqual(e.authors, ['Vincent van Gogh', 'Alexander von Humboldt', 'Martin Luther King Jr.', 'OpenAI', 'Plato']);
  });

  it('reads no authors from a field that is not a list, and prefers authors to editors', () => {
    const [a, b] = read([
      { id: 'a', title: 'A', author: 'Doe, Jane' },
      { id: 'b', title: 'B', author: [{ family: 'Doe' }], editor: [{ family: 'Roe' }] },
    ]);
    assert.deepEqual(a.authors, []);
    assert.deepEqual(b.authors, ['Doe']);
  });

  it('reads the year of every date form', () => {
    const years = read([
      { id: 'a', title: 'A', issued: { 'date-parts': [[2017, 5, 1]] } },
      { id: 'b', title: 'B', issued: { 'date-parts': [['2016']] } },
      { id: 'c', title: 'C', issued: { 'date-parts': [[1000]] } },
      { id: 'd', title: 'D', issued: { 'date-parts': [[2999]] } },
      { id: 'e', title: 'E', issued: { 'date-parts': [[999]], raw: 'about 2001' } },
      { id: 'f', title: 'F', issued: { 'date-parts': [[3000]] } },
      { id: 'g', title: 'G', issued: { 'date-parts': [[]], literal: 'Spring 2015' } },
      { id: 'h', title: 'H', issued: { 'date-parts': [['2017a']], raw: '2018' } },
      { id: 'i', title: 'I', issued: '2014-02' },
      { id: 'j', title: 'J', issued: 2013 },
      { id: 'k', title: 'K', issued: null },
      { id: 'l', title: 'L', issued: { 'date-parts': 2012, raw: '2011' } },
      { id: 'm', title: 'M', issued: { 'date-parts': [2010] } },
      { id: 'n', title: 'N' },
    ]).map((e) => e.year);
    assert.deepEqual(years, [2017, 2016, 1000, 2999, 2001, undefined, 2015, 2018, 2014, 2013, undefined, 2011, undefined, undefined]);
  });

  it('reads numbers as text, removes rich-text markup and keeps a lone "<"', () => {
    const [a, b] = read([
      { id: 1984, title: 1984, type: 'book' },
      { id: 'b', title: 'On <i>x</i> < <span class="nocase">Y</span><sup>2</sup>  and\nz', abstract: '<b>Bold</b> claim', 'container-title': '<sc>Venue</sc>' },
    ]);
    assert.deepEqual([a.key, a.title, a.type], ['1984', '1984', 'book']);
    assert.equal(b.title, 'On x < Y2 and z');
    assert.equal(b.abstract, 'Bold claim');
    assert.equal(b.venue, 'Venue');
    assert.equal(b.type, 'document');
  });

  it('takes the venue from the container, else the event', () => {
    const [a, b, c] = read([
      { id: 'a', title: 'A', 'container-title': 'Journal', 'event-title': 'Event' },
      { id: 'b', title: 'B', 'event-title': 'Event' },
      { id: 'c', title: 'C', 'container-title': '' },
    ]);
    assert.deepEqual([a.venue, b.venue, c.venue], ['Journal', 'Event', undefined]);
  });

  it('finds the arXiv id in the number of an arXiv item, or in a note, and cleans the DOI', () => {
    const [a, b, c, d] = read([
      { id: 'a', title: 'A', number: '2106.09685', 'container-title': 'arXiv' },
      { id: 'b', title: 'B', number: '2106.09685', publisher: 'Elsevier' },
      { id: 'c', title: 'C', note: 'arXiv: 2107.00001', DOI: 'https://doi.org/10.1000/ABC' },
      { id: 'd', title: 'D', URL: '', DOI: 'nope' },
    ]);
    assert.deepEqual([a.arxivId, b.arxivId, c.arxivId, d.arxivId], ['2106.09685', undefined, '2107.00001', undefined]);
    assert.equal(c.doi, '10.1000/ABC');
    assert.deepEqual([d.url, d.doi], [undefined, undefined]);
  });

  it('reads keywords given as a list', () => {
    assert.deepEqual(read([{ id: 'a', title: 'A', keyword: ['x', ' y ', 'x'] }])[0].keywords, ['x', 'y']);
  });

  it('reads a string ending in a backslash without losing the items after it', () => {
    const text = '[{"id": "a", "title": "C:\\\\"}, {"id": "b", "title": "B \\" \\\\\\" q"}]';
    assert.deepEqual(parseCslJson(text, 'b.json').entries.map((e) => [e.key, e.title]), [['a', 'C:\\'], ['b', 'B " \\" q']]);
  });

  it('cuts a long title in the warning about a missing id', () => {
    const title = 'T'.repeat(41);
    assert.deepEqual(parseCslJson(JSON.stringify([{ title }, { title: title.slice(1) }]), 'w.json').problems.map((p) => p.message), [
      `item "${'T'.repeat(37)}..." has no "id"; read without a citation key`,
      `item "${title.slice(1)}" has no "id"; read without a citation key`,
    ]);
  });
});

describe('parseCslJson structure', () => {
  const problemsOf = (text: string) => parseCslJson(text, 's.json').problems.map((p) => [p.line, p.message]);

  it('reads an empty array, with or without a byte-order mark', () => {
    for (const text of ['[]', '\uFEFF [ \n ]', '{"items": []}']) assert.deepEqual(parseCslJson(text, 'e.json'), { file: 'e.json', format: 'csl-json', entries: [], problems: [] }, text);
  });

  it('finds "items" after other keys of the object', () => {
    const text = '{\n  "meta": {"x": [1, "]"]},\n  "n": 2,\n  "items": [\n    {"id": "a", "title": "A"}\n  ]\n}';
    assert.deepEqual(parseCslJson(text, 'o.json').entries.map((e) => [e.key, e.line]), [['a', 5]]);
  });

  it('reports an object whose "items" is not an array, and one with a key without a colon', () => {
    assert.deepEqual(problemsOf('{"items": 5}'), [[1, 'not CSL-JSON: expected an array of items, or an object with "items"']]);
    assert.deepEqual(problemsOf('{\n"meta"\n 1}'), [[3, 'invalid JSON: expected ":" after "meta"']]);
    assert.deepEqual(problemsOf('\n\n  42'), [[3, 'not CSL-JSON: expected an array of items, or an object with "items"']]);
    assert.deepEqual(problemsOf(' \n\n '), [[3, 'invalid JSON: the file is empty']]);
  });

  it('reports an array that is never closed, and what follows an item instead of "," or "]"', () => {
    assert.deepEqual(problemsOf('[{"id": "a", "title": "A"}'), [[1, 'invalid JSON: the array of items is not closed with "]"; the items after it are not read']]);
    assert.deepEqual(problemsOf('[{"id": "a", "title": "A"},\n'), [[2, 'invalid JSON: the array of items is not closed with "]"; the items after it are not read']]);
    assert.deepEqual(problemsOf('[{"id": "a", "title": "A"}\n x {"id": "b"}]'), [[2, 'invalid JSON: expected "," or "]" after an item, found "x {"id": "b"}]"; the items after it are not read']]);
  });

  it('reports a missing value, an object never closed and an array never closed', () => {
    assert.deepEqual(problemsOf('[\n, {"id": "a"}]'), [[2, 'invalid JSON: expected a value, found ", {"id": "a"}]"; the items after it are not read']]);
    assert.deepEqual(problemsOf('[{"id": "a", "title": "A"},\n {"id": "b"'), [[2, 'invalid JSON: the object is not closed; the items after it are not read']]);
    assert.deepEqual(problemsOf('[\n[1, 2'), [[2, 'invalid JSON: the array is not closed; the items after it are not read']]);
  });

  it('reports values that are not objects, whole', () => {
    assert.deepEqual(problemsOf('[true]'), [[1, 'item is not an object (true); skipped']]);
    assert.deepEqual(problemsOf('[1, true,\n [2, {"x": 3}]]'), [
      [1, 'item is not an object (1); skipped'],
      [1, 'item is not an object (true); skipped'],
      [2, 'item is not an object ([2, {"x": 3}]); skipped'],
    ]);
  });

  it('lists problems in line order, scan problems and item problems together', () => {
    const text = '[\n {"id": "a"},\n {"id": "b", "title": "B"}\n {"id": "c", "title": "C"}\n]';
    assert.deepEqual(problemsOf(text), [
      [2, 'item "a" has no title; skipped'],
      [4, 'missing "," between items; read on'],
    ]);
  });

  it('reads items between carriage returns and tabs, and a brace or escaped quote inside a string', () => {
    const text = '[\r\n\t{"id": "a", "title": "A"},\r\n\t{"id": "q", "title": "a \\" }"}\r\n]';
    const { entries, problems } = parseCslJson(text, 'r.json');
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => [e.key, e.title, e.line]), [['a', 'A', 2], ['q', 'a " }', 3]]);
  });

  it('reports a scalar item at the end of an unclosed array', () => {
    assert.deepEqual(problemsOf('[\n1'), [
      [2, 'invalid JSON: the array of items is not closed with "]"; the items after it are not read'],
      [2, 'item is not an object (1); skipped'],
    ]);
  });

  it('names an item without a title by its id, or as an item when it has none', () => {
    assert.deepEqual(problemsOf('[{"type": "book"}]'), [[1, 'item has no title; skipped']]);
  });

  it('reads an item whose id is null as one without an id', () => {
    const { entries, problems } = parseCslJson('[{"id": null, "title": "A"}]', 'n.json');
    assert.deepEqual(entries.map((e) => e.key), [undefined]);
    assert.deepEqual(problems.map((p) => [p.severity, p.message]), [['warning', 'item "A" has no "id"; read without a citation key']]);
  });

  it('reads ids that are numbers and reports a duplicate one', () => {
    const { entries, problems } = parseCslJson('[{"id": 7, "title": "A"},\n{"id": "7", "title": "B"}]', 'n.json');
    assert.deepEqual(entries.map((e) => e.key), ['7']);
    assert.deepEqual(problems.map((p) => p.message), ['item "7": the id "7" is already used by the item at line 1; skipped']);
  });
});
