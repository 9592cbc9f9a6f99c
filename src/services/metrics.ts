/**
 * Counts of the work Paper Lens does on large documents: characters read per hover and per
 * summary, and the documents skipped for their size. Read by the integration tests through the
 * test API (`PaperLensTestApi.metrics`), which assert bounds on work rather than on time (wall
 * time on a shared machine says little); shown nowhere in the product.
 */

/** The last large-document summary made: how much of the document it read, in how many steps. */
export interface SummaryRun {
  readonly uri: string;
  readonly version: number;
  /** Characters of the document read to bring the summary up to this version. */
  readonly chars: number;
  readonly steps: number;
  /** The longest single step, in ms (each step is one part; the thread is free between steps). */
  readonly longestStepMs: number;
  /** From the first step to the merged summary, in ms, waits between steps included. */
  readonly ms: number;
}

/** Hover times kept by `WorkMetrics.hoverMs`. */
const HOVER_TIMES = 100;
/** Spans of work kept by `WorkMetrics.busy`. */
const BUSY_SPANS = 5000;

/** A stretch of the extension host's thread that Paper Lens held. */
export interface BusySpan {
  /** What ran: `hover`, `summary step`, `cite-key check`, `edit`. */
  readonly what: string;
  /** When it started (`performance.now()` in the extension host). */
  readonly start: number;
  readonly ms: number;
  /** The thread's CPU time in it, where the host tells it (see `threadCpuMs`): without the time the system gave the core to other processes. */
  readonly cpuMs?: number;
}

/**
 * This thread's CPU time so far, in ms, where the host can tell it (Node's
 * `process.threadCpuUsage`, from Node 23.9; not in the web worker host): on a loaded machine the
 * wall time of a stretch of work also counts the time its thread waited for a core.
 */
export function threadCpuMs(): number | undefined {
  const host = (globalThis as { process?: { threadCpuUsage?: () => { user: number; system: number } } }).process;
  if (typeof host?.threadCpuUsage !== 'function') return undefined;
  const usage = host.threadCpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** The CPU time of this thread since `from` (a `threadCpuMs()`), if both are known. */
export function cpuSince(from: number | undefined): number | undefined {
  const now = from === undefined ? undefined : threadCpuMs();
  return now === undefined || from === undefined ? undefined : now - from;
}

/** The start of a stretch of work being timed, in wall time and (where known) this thread's CPU time. */
export interface SpanStart {
  readonly start: number;
  readonly cpu: number | undefined;
}

/** Starts timing a stretch of work; `WorkMetrics.heldSince` records it. */
export function startSpan(): SpanStart {
  return { start: performance.now(), cpu: threadCpuMs() };
}

export class WorkMetrics {
  /** Hovers (and other look-ups by offset) answered from a window of a document over the whole-scan limit. */
  windowLookups = 0;
  /** Of those, the ones that scanned a window (the rest reused the window scanned before). */
  windowScans = 0;
  /** Characters scanned by those window scans, in all, the most at once, and the last. */
  windowChars = 0;
  maxWindowChars = 0;
  lastWindowChars = 0;
  /** Characters read around the offset for cite keys and identifiers in documents over the whole-scan limit: in all, most at once. */
  citeChars = 0;
  maxCiteChars = 0;
  /** Characters of large documents read to make their summaries, in all. */
  summaryChars = 0;
  summarySteps = 0;
  /** The last summary brought up to date. */
  lastSummary?: SummaryRun;
  /** Requests turned away because the document is over `paperLens.maxDocumentSizeMB`. */
  skipped = 0;
  /**
   * Time Paper Lens's hover provider took for each of the last `HOVER_TIMES` hovers, in ms, in
   * order: its own share of a hover, without the workbench's round trip or other extensions'
   * providers.
   */
  readonly hoverMs: number[] = [];
  /**
   * When (`performance.now()` in the extension host) the last hover reached Paper Lens's provider:
   * with the time a caller in the same host asked for the hover, it splits the round trip into
   * the way to the provider, the provider's own time, and the way back.
   */
  lastHoverStartedAt?: number;
  /**
   * The last `BUSY_SPANS` stretches of the host's thread Paper Lens held for a document (hovers,
   * summary steps, and its handlers of document events), in order: with the time a hover took
   * through the workbench, they say how much of that wait was Paper Lens's.
   */
  readonly busy: BusySpan[] = [];

  /** Records a hover begun at `span` (see `startSpan`): its time, when it began, and its stretch of the thread. */
  hoverAnswered(span: SpanStart): void {
    this.lastHoverStartedAt = span.start;
    this.hoverMs.push(this.heldSince('hover', span));
    if (this.hoverMs.length > HOVER_TIMES) this.hoverMs.shift();
  }

  /** Records that Paper Lens held the thread for `what` from `start` for `ms` (`cpuMs` of the thread's CPU time, when known). */
  held(what: string, start: number, ms: number, cpuMs?: number): void {
    this.busy.push(cpuMs === undefined ? { what, start, ms } : { what, start, ms, cpuMs });
    if (this.busy.length > BUSY_SPANS) this.busy.splice(0, this.busy.length - BUSY_SPANS);
  }

  /** Records the stretch of work begun at `span` as `what`; returns its wall time in ms. */
  heldSince(what: string, span: SpanStart): number {
    const ms = performance.now() - span.start;
    this.held(what, span.start, ms, cpuSince(span.cpu));
    return ms;
  }

  /**
   * How long Paper Lens held the thread between `from` and `to` (spans clipped to them), in ms:
   * in all, by what ran, and the longest single span (the most it could delay one message); and
   * the most CPU time one of those spans took, when the host tells it (undefined otherwise).
   */
  heldBetween(from: number, to: number): { ms: number; longest: number; by: Record<string, number>; longestCpu?: number } {
    let ms = 0;
    let longest = 0;
    let longestCpu: number | undefined;
    const by: Record<string, number> = {};
    for (const s of this.busy) {
      const held = Math.min(to, s.start + s.ms) - Math.max(from, s.start);
      if (held <= 0) continue;
      ms += held;
      longest = Math.max(longest, held);
      if (s.cpuMs !== undefined) longestCpu = Math.max(longestCpu ?? 0, s.cpuMs);
      by[s.what] = (by[s.what] ?? 0) + held;
    }
    return longestCpu === undefined ? { ms, longest, by } : { ms, longest, by, longestCpu };
  }

  windowScanned(chars: number): void {
    this.windowScans++;
    this.windowChars += chars;
    this.lastWindowChars = chars;
    this.maxWindowChars = Math.max(this.maxWindowChars, chars);
  }

  citeRead(chars: number): void {
    this.citeChars += chars;
    this.maxCiteChars = Math.max(this.maxCiteChars, chars);
  }

  /** A plain copy of the counts, to compare before and after. */
  snapshot(): Readonly<Omit<WorkMetrics, 'windowScanned' | 'citeRead' | 'snapshot' | 'hoverAnswered' | 'held' | 'heldSince' | 'heldBetween'>> {
    return { ...this, hoverMs: [...this.hoverMs], busy: [...this.busy] };
  }
}
