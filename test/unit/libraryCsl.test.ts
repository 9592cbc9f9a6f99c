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
    assert.match(problems[0].message, /^item is not valid JSON at line 3: [^:]+; skipped$/);
    assert.doesNotMatch(problems[0].message, /position/);
  });

  it('reads on past a missing comma between items, reporting it', () => {
    const text = ['[', item('a'), item('b'), ']'].join('\n');
    const { entries, problems } = parseCslJson(text, 'comma.json');
    assert.deepEqual(entries.map((e) => e.key), ['a', 'b']);
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [[3, 'missing "," between items; read on']]);
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
