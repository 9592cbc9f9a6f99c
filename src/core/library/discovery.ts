/**
 * Which library files a workspace names, and how a configured library path is read: the pure
 * half of finding a user's libraries. The editor layer lists the workspace's files, reads them
 * and turns the paths found here into URIs; nothing here touches a file.
 *
 * - LaTeX: `\bibliography{a,b}` (BibTeX, which adds `.bib` to a name without it) and
 *   `\addbibresource[options]{x.bib}` (biblatex, which takes the name as written), outside
 *   `%` comments.
 * - Markdown (Pandoc, Quarto, R Markdown): `bibliography:` in the YAML front matter, as one
 *   path, a `[a.bib, b.bib]` flow list or a `- a.bib` block list.
 *
 * Why a small reader for the front matter rather than a YAML library: only one top-level key is
 * read, in the three shapes Pandoc documents, and a full YAML parser would add some 100 KB to a
 * bundle that loads at every start. Anything else in the front matter is skipped, never an error.
 */

/** The names `\bibliography{...}` and `\addbibresource{...}` give in a LaTeX text, in order, unique. */
export function bibliographiesOfTex(text: string): string[] {
  const found: string[] = [];
  const code = stripTexComments(text);
  // `\addbibresource` may carry an option group; `\bibliography` may not. Either may have
  // blanks (even a line break) before its argument, as TeX skips them.
  const command = /\\(bibliography|addbibresource)\s*(?:\[[^\]]*\]\s*)?\{([^{}]*)\}/g;
  for (let m = command.exec(code); m; m = command.exec(code)) {
    const bibtex = m[1] === 'bibliography';
    // Only BibTeX's `\bibliography` takes a comma-separated list.
    const names = bibtex ? m[2].split(',') : [m[2]];
    for (const raw of names) {
      const name = raw.trim();
      if (!name || isRemote(name)) continue;
      add(found, bibtex && !/\.bib$/i.test(name) ? `${name}.bib` : name);
    }
  }
  return found;
}

/** `text` with each line's `%` comment blanked (an escaped `\%` is text, not a comment). */
function stripTexComments(text: string): string {
  return text.replace(/(^|[^\\])((?:\\\\)*)%[^\n]*/g, '$1$2');
}

/**
 * The paths `bibliography:` names in a markdown file's YAML front matter, in order, unique. The
 * front matter is a `---` line at the very start (after a byte-order mark) up to the next
 * `---` or `...` line; a file without one names none.
 */
export function bibliographiesOfMarkdown(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') return [];
  return bibliographyKey(lines, 1, false);
}

/**
 * The paths the top-level `bibliography:` of a YAML file names, in order, unique: a Quarto
 * project's `_quarto.yml` or a folder's `_metadata.yml`, which apply to every document under
 * them (Quarto's book and website templates put `bibliography: references.bib` there, not in
 * each document). Only its first document is read (up to a `---` or `...` line after a first
 * `---`).
 */
export function bibliographiesOfYaml(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  return bibliographyKey(lines, lines[0]?.trimEnd() === '---' ? 1 : 0, true);
}

/**
 * The `bibliography:` key of YAML `lines` from `start` to a `---` or `...` line, or to the end
 * when `toEnd` (a YAML file; front matter without its closing line names nothing).
 */
function bibliographyKey(lines: readonly string[], start: number, toEnd: boolean): string[] {
  const found: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (/^(---|\.\.\.)\s*$/.test(line)) return found;
    const key = /^bibliography\s*:(.*)$/.exec(line);
    if (!key) continue;
    const value = stripYamlComment(key[1]).trim();
    if (value.startsWith('[')) {
      // A flow list, possibly over several lines: read up to its closing bracket.
      let flow = value;
      while (!flow.includes(']') && i + 1 < lines.length && !/^(---|\.\.\.)\s*$/.test(lines[i + 1])) flow += ' ' + stripYamlComment(lines[++i]).trim();
      const inner = flow.slice(1, flow.includes(']') ? flow.indexOf(']') : undefined);
      for (const item of splitFlowList(inner)) add(found, item);
    } else if (value) {
      add(found, unquote(value));
    } else {
      // A block list: the indented (or flush) `- item` lines that follow.
      while (i + 1 < lines.length) {
        const item = /^\s*-\s+(.*)$/.exec(lines[i + 1]);
        if (!item) {
          if (!lines[i + 1].trim()) {
            i++;
            continue;
          }
          break;
        }
        i++;
        add(found, unquote(stripYamlComment(item[1]).trim()));
      }
    }
  }
  // No closing line: not front matter after all, unless the whole file is YAML.
  return toEnd ? found : [];
}

/** A YAML plain or quoted scalar without its quotes. */
function unquote(value: string): string {
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(value) ?? /^'((?:[^']|'')*)'$/.exec(value);
  if (!m) return value;
  return value.startsWith('"') ? m[1].replace(/\\(.)/g, '$1') : m[1].replace(/''/g, "'");
}

/** The items of a flow list's inside (`a.bib, "b, c.bib"`): commas inside quotes do not split. */
function splitFlowList(inner: string): string[] {
  const items: string[] = [];
  const item = /\s*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,]*)\s*(?:,|$)/g;
  for (let m = item.exec(inner); m && m.index < inner.length; m = item.exec(inner)) {
    const value = unquote(m[1].trim());
    if (value) items.push(value);
    if (m[0].length === 0) item.lastIndex++;
  }
  return items;
}

/** A line's value without a trailing ` # comment` (a `#` inside quotes or a word is kept). */
function stripYamlComment(value: string): string {
  let quote = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(value[i - 1]))) return value.slice(0, i);
  }
  return value;
}

function isRemote(name: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(name);
}

function add(list: string[], name: string): void {
  if (name && !isRemote(name) && !list.includes(name)) list.push(name);
}

/**
 * The folders a relative path named in a file in folder `dir` may be relative to, nearest first:
 * `dir`, then each folder above it up to `root` (the workspace folder), as `/`-separated paths.
 * LaTeX reads `\bibliography{refs}` relative to the folder it runs in, the main document's, so a
 * preamble kept in a subfolder names the file relative to a folder above it: in 118 names found
 * in the LaTeX of 30 real repositories, `sections/packages.tex` named the root's `refs.bib`,
 * `common/header.tex` the root's `references.bib`. A `dir` outside `root` is its own only folder.
 */
export function folderCandidates(dir: string, root: string): string[] {
  const trim = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);
  const top = trim(root);
  let at = trim(dir);
  if (at !== top && !at.startsWith(top === '/' ? '/' : `${top}/`)) return [at];
  const folders = [at];
  while (at !== top) {
    const slash = at.lastIndexOf('/');
    at = slash <= 0 ? '/' : at.slice(0, slash);
    folders.push(at);
  }
  return folders;
}

/** Whether a configured library path is a glob (`*`, `?`, `[...]` or `{a,b}`) rather than one file. */
export function isGlob(path: string): boolean {
  return /[*?[\]{}]/.test(path);
}

/** Whether a path is absolute: `/x`, `~/x` (home), `C:\x` or `C:/x`, or `\\server\share`. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path === '~' || path.startsWith('~/') || path.startsWith('~\\') || /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/**
 * A glob cut into the folder its matches all lie under (the segments before the first one with
 * a glob character) and the pattern relative to that folder, with `/` separators:
 * `refs/**\/*.bib` → `{ base: 'refs', pattern: '**\/*.bib' }`, `/home/a/*.bib` →
 * `{ base: '/home/a', pattern: '*.bib' }`. A path with no glob character is all base and an
 * empty pattern.
 */
export function splitGlob(path: string): { base: string; pattern: string } {
  const segments = path.replace(/\\/g, '/').split('/');
  const first = segments.findIndex(isGlob);
  if (first < 0) return { base: segments.join('/'), pattern: '' };
  const base = segments.slice(0, first).join('/');
  // `/x/*.bib` keeps its root; `*.bib` has an empty base (the folder it is relative to).
  return { base: base === '' && path.replace(/\\/g, '/').startsWith('/') ? '/' : base, pattern: segments.slice(first).join('/') };
}

/** A leading `~` as the home folder: `~/refs.bib` → `<home>/refs.bib`. Other paths unchanged. */
export function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/') || path.startsWith('~\\')) return `${home.replace(/[\\/]+$/, '')}/${path.slice(2)}`;
  return path;
}
