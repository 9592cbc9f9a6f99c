/**
 * A large document's one-sense summary (`Discourse`), made part by part and kept up to date
 * through edits: the document is cut into parts of about `PART_SIZE` characters at paragraph
 * breaks, each part is summarized on its own (`MentionMatcher.summarizePart`), and the parts'
 * statements are merged (`MentionMatcher.mergeParts`). An edit marks only the parts it touches,
 * so after typing one part is read again, not the whole document; and the caller summarizes one
 * part per step, so no step holds the thread for more than one part's scan.
 *
 * Parts follow the text through edits by offset: a part before an edit keeps its offsets, a part
 * after it moves by the edit's change in length, and a part the edit touches (or borders) grows
 * or shrinks with it and is read again. A part that grows past twice `PART_SIZE` is cut again.
 */
import { combineParts, type Discourse, type DiscoursePart, type MentionMatcher } from './mentions';
import type { AmbiguousNamePolicy } from './types';

/** About how many characters one part holds: one step's scan (2-4 ms at the matcher's 20-40 MB/s). */
export const PART_SIZE = 64 * 1024;
/** How far past `PART_SIZE` a part may reach to end at a paragraph break or a line break. */
const PART_SLACK = 16 * 1024;

/** What the parts read of a document: its length and the text between two offsets. */
export interface PartReader {
  readonly length: number;
  read(start: number, end: number): string;
}

/** How many parts are combined into one kept group (see `discourse`). */
const GROUP = 32;

interface Group {
  readonly members: readonly DiscoursePart[];
  readonly combined: DiscoursePart;
}

interface Part {
  start: number;
  end: number;
  /** Undefined: not summarized since the part was cut or last edited. */
  summary?: DiscoursePart;
}

export class DiscourseParts {
  private parts: Part[] = [];
  /** The document is cut into parts up to here; the rest has not been read yet. */
  private covered = 0;
  private merged?: Discourse;
  private groups: Group[] = [];

  constructor(
    private readonly matcher: MentionMatcher,
    readonly policy: AmbiguousNamePolicy,
  ) {}

  /**
   * Follows an edit: `removed` characters at `offset` replaced by `inserted` characters (as a
   * `TextDocumentContentChangeEvent` gives them: `rangeOffset`, `rangeLength`, `text.length`).
   */
  edit(offset: number, removed: number, inserted: number): void {
    const end = offset + removed;
    const moved = (x: number) => (x < offset ? x : x >= end ? x + inserted - removed : offset + inserted);
    const kept: Part[] = [];
    for (const p of this.parts) {
      const touched = p.end >= offset && p.start <= end;
      const start = moved(p.start);
      const stop = moved(p.end);
      if (stop <= start) continue;
      kept.push(touched ? { start, end: stop } : { start, end: stop, summary: p.summary });
    }
    // Parts must tile [0, covered): a part dropped above leaves its span to the next one.
    for (let k = 0; k < kept.length; k++) {
      const from = k === 0 ? 0 : kept[k - 1].end;
      if (kept[k].start !== from) kept[k] = { start: from, end: kept[k].end };
    }
    this.parts = kept;
    this.covered = kept.length ? kept[kept.length - 1].end : 0;
    this.merged = undefined;
  }

  /** Whether the summary of a document of `length` characters is made: every part summarized and merged. */
  done(length: number): boolean {
    return this.covered >= length && this.merged !== undefined;
  }

  /**
   * One step of making the summary: summarizes the first part not summarized, else the next part
   * of the text not yet cut, else combines one group or merges them. Returns how many characters
   * of the document it read.
   */
  step(doc: PartReader): number {
    // The document is shorter than what was cut (an edit not seen): start again.
    if (this.covered > doc.length) {
      this.parts = [];
      this.covered = 0;
    }
    const k = this.parts.findIndex((p) => !p.summary);
    if (k < 0 && this.covered >= doc.length) {
      this.combineStep();
      return 0;
    }
    const p = k >= 0 ? this.parts[k] : undefined;
    const start = p ? p.start : this.covered;
    const limit = p ? p.end : doc.length;
    // A part that grew past twice the size is cut again from its start; so is new text.
    const whole = limit - start <= (p ? 2 * PART_SIZE : PART_SIZE + PART_SLACK);
    const text = doc.read(start, whole ? limit : Math.min(limit, start + PART_SIZE + PART_SLACK));
    const end = whole ? limit : start + cutIn(text);
    const summary = this.matcher.summarizePart(end - start === text.length ? text : text.slice(0, end - start), this.policy);
    if (p) this.parts.splice(k, 1, ...(end < limit ? [{ start, end, summary }, { start: end, end: limit }] : [{ start, end, summary }]));
    else {
      this.parts.push({ start, end, summary });
      this.covered = end;
    }
    this.merged = undefined;
    return text.length;
  }

  /**
   * Once every part is summarized: combines one group of `GROUP` parts whose members changed, or
   * when none did, merges the groups. Groups are kept until one of their parts changes, so the
   * merge after an edit combines one group again, not every part.
   */
  private combineStep(): void {
    if (this.merged) return;
    const summaries = this.parts.map((p) => p.summary!);
    const count = Math.ceil(summaries.length / GROUP);
    this.groups.length = Math.min(this.groups.length, count);
    for (let g = 0; g < count; g++) {
      const members = summaries.slice(g * GROUP, (g + 1) * GROUP);
      const old = this.groups[g];
      if (old && old.members.length === members.length && old.members.every((m, k) => m === members[k])) continue;
      this.groups[g] = { members, combined: combineParts(members) };
      return;
    }
    this.merged = this.matcher.mergeParts(
      this.groups.map((g) => g.combined),
      this.policy,
    );
  }

  /** The merged summary, once `done`. */
  discourse(): Discourse | undefined {
    return this.merged;
  }

  /** The parts' bounds, for the tests. */
  bounds(): Array<[number, number]> {
    return this.parts.map((p) => [p.start, p.end]);
  }
}

/**
 * Where a part whose text (read up to `PART_SIZE` + `PART_SLACK` on) is `text` ends, as an
 * offset into it: after the last blank line from `PART_SIZE` / 2 on, else after the last line
 * break there, else after the last space, else at the end of `text`.
 */
export function cutIn(text: string): number {
  const from = PART_SIZE / 2;
  for (const br of ['\n\n', '\r\n\r\n', '\n', ' ']) {
    const at = text.lastIndexOf(br);
    if (at >= from) return at + br.length;
  }
  return text.length;
}
