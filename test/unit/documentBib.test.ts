import { strict as assert } from 'node:assert';
import { appendedEntryText, bibFilesOfTex, bibKeyOf, bibKeys, entryWithKey, hasBibKey } from '../../src/core/documentBib';
import type { Paper } from '../../src/core/types';

describe("a document's .bib", () => {
  describe('bibFilesOfTex', () => {
    it('names the .bib files of \\bibliography and \\addbibresource, in order, outside comments', () => {
      const tex = ['% \\bibliography{old}', '\\bibliography{refs, more/zotero}', '\\addbibresource{extra.bib}', '\\addbibresource{data.json}'].join('\n');
      assert.deepStrictEqual(bibFilesOfTex(tex), ['refs.bib', 'more/zotero.bib', 'extra.bib']);
    });

    it('names none for a document without a bibliography', () => {
      assert.deepStrictEqual(bibFilesOfTex('\\cite{datacomp} and \\input{chapter}'), []);
    });
  });

  describe('bibKeys', () => {
    it('reads every entry key, lower-cased, in braces or parentheses, with blanks', () => {
      const bib = ['@article{Vaswani2017,', '  title = {Attention}', '}', '@InProceedings ( ho:2020/ddpm , title = "x")', '@misc{ spaced-key  ,}'].join('\n');
      assert.deepStrictEqual([...bibKeys(bib)], [
        ['vaswani2017', 'Vaswani2017'],
        ['ho:2020/ddpm', 'ho:2020/ddpm'],
        ['spaced-key', 'spaced-key'],
      ]);
    });

    it('leaves out @string, @preamble and @comment, and text that is not an entry head', () => {
      const bib = ['@string{acl = {ACL},}', '@preamble{"x",}', '@comment{note,}', 'mail me@example.org, or @misc{real,}', '@misc{nokey}', '@article{, title={no key}}'].join('\n');
      assert.deepStrictEqual([...bibKeys(bib).keys()], ['real']);
    });

    it('keeps the first spelling of a key written twice in different cases', () => {
      assert.deepStrictEqual([...bibKeys('@misc{Key,}\n@misc{KEY,}')], [['key', 'Key']]);
    });

    it('reads nothing from an empty file', () => {
      assert.equal(bibKeys('').size, 0);
    });
  });

  describe('hasBibKey', () => {
    it('matches a key in any case, with or without @, and not a key that is only a prefix', () => {
      const keys = bibKeys('@misc{DataComp2023,}');
      assert.ok(hasBibKey(keys, 'datacomp2023'));
      assert.ok(hasBibKey(keys, '@DATACOMP2023'));
      assert.ok(!hasBibKey(keys, 'datacomp'));
    });
  });

  describe('bibKeyOf', () => {
    const bundled: Paper = { id: 'datacomp', title: 'DataComp: In search of the next generation of multimodal datasets', abstract: '', links: [] };
    const library: Paper = { ...bundled, keys: ['gadre2023datacomp', 'dc'], authors: ['Samir Yitzhak Gadre'], year: 2023 };

    it('finds a library paper under any of its keys, first key first, as the paper writes it', () => {
      assert.equal(bibKeyOf(library, bibKeys('@misc{DC,}\n@misc{gadre2023datacomp,}')), 'gadre2023datacomp');
      assert.equal(bibKeyOf(library, bibKeys('@misc{DC,}')), 'DC', "in the file's spelling");
    });

    it("finds a paper under the key Paper Lens gives it, with authors and year or from the title alone", () => {
      assert.equal(bibKeyOf(bundled, bibKeys('@misc{datacomp,}')), 'datacomp');
      assert.equal(bibKeyOf({ ...library, keys: undefined }, bibKeys('@misc{gadre2023datacomp,}')), 'gadre2023datacomp');
      assert.equal(bibKeyOf({ ...library, keys: undefined }, bibKeys('@misc{datacomp,}')), 'datacomp');
    });

    it('finds nothing in a file without the paper', () => {
      assert.equal(bibKeyOf(library, bibKeys('@misc{other,}')), undefined);
    });
  });

  describe('entryWithKey', () => {
    it('replaces the key of the entry head and nothing else', () => {
      const entry = '@misc{datacomp,\n  title = {{DataComp}: datacomp, again}\n}';
      assert.equal(entryWithKey(entry, 'gadre2023'), '@misc{gadre2023,\n  title = {{DataComp}: datacomp, again}\n}');
    });

    it('keeps the spacing and bracket of the head', () => {
      assert.equal(entryWithKey('  @Article ( old , title = "t")', 'new'), '  @Article ( new , title = "t")');
    });

    it('returns text that is not an entry unchanged', () => {
      assert.equal(entryWithKey('not an entry', 'k'), 'not an entry');
    });
  });

  describe('appendedEntryText', () => {
    const entry = '@misc{k,\n  title = {T}\n}';

    it('writes the entry alone, with a final line break, into an empty or blank file', () => {
      assert.equal(appendedEntryText('', entry), `${entry}\n`);
      assert.equal(appendedEntryText(' \n', `\n${entry}\n\n`), `${entry}\n`);
    });

    it('leaves one blank line after the last entry, whatever the file ends with', () => {
      const last = '@misc{a,}';
      for (const ending of ['', '\n', '\n\n']) {
        const text = last + ending;
        assert.equal(text + appendedEntryText(text, entry), `${last}\n\n${entry}\n`, JSON.stringify(ending));
      }
    });

    it("keeps the file's CRLF line breaks", () => {
      const text = '@misc{a,}\r\n';
      assert.equal(text + appendedEntryText(text, entry), '@misc{a,}\r\n\r\n@misc{k,\r\n  title = {T}\r\n}\r\n');
    });

    it('gives an entry appended to a file a key the scan then finds', () => {
      const text = '@misc{a,}';
      const after = text + appendedEntryText(text, entryWithKey(entry, 'Cited2024'));
      assert.ok(hasBibKey(bibKeys(after), 'cited2024'));
    });
  });
});
