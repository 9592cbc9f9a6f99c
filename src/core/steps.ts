/**
 * Long computations cut into steps, so that a thread that must stay responsive (the extension
 * host's) can run them a slice at a time: a generator yields between pieces of work and
 * returns its result at the end. Parsing a library, building a corpus's matcher and search
 * index, and sorting a large vocabulary are written this way.
 */

/**
 * A long computation cut into steps: it yields between pieces of work and returns its result
 * at the end. Run at once with `finishSteps`, or a slice at a time on a thread that must stay
 * responsive (see `library/session.ts`).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end without pausing and returns the result. */
export function finishSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The longest a slice of steps (`runInSlices`), or of the workspace index's files, holds a
 * thread that must stay responsive: the extension host's. The longest stall is about a slice,
 * plus the step that ends it, plus a garbage-collector pause (10-35 ms on a 2-core virtual
 * machine like CI's, while a 50,000-paper library loads). Loading that library in slices (the
 * web extension's way) stalled for 58-76 ms at most with slices of 20 ms, and 45-66 ms with
 * slices of 8 ms (three runs each).
 */
export const SLICE_MS = 8;

/**
 * Resolves once the thread's other tasks have had their turn: through `setImmediate` in Node
 * (after the I/O and timers that are due, without the millisecond a zero-delay timer waits),
 * through a message to itself where there is none (a browser's web worker, the web extension
 * host: there a zero-delay timer set from a timer's callback waits at least 4 ms once nested
 * five deep, which for a load paused every 8 ms would add half as much again), else through a
 * zero-delay timer.
 */
export const nextTask: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((resolve) => setImmediate(resolve))
    : typeof MessageChannel === 'function'
      ? messagePause()
      : () => new Promise((resolve) => setTimeout(resolve, 0));

/** A pause through a message the thread posts to itself (see `nextTask`). Exported for its test. */
export function messagePause(): () => Promise<void> {
  const channel = new MessageChannel();
  // The parts of a port that a browser's and Node's share (Node's types leave out `onmessage`).
  const receiver = channel.port1 as unknown as { onmessage: (() => void) | null; unref?: () => void };
  const waiting: Array<() => void> = [];
  receiver.onmessage = () => waiting.shift()?.();
  // In Node an open port keeps the process alive; a browser's port has no `unref`.
  receiver.unref?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(undefined);
    });
}

/** What `runInSlices` measured: the slices run and the longest, in milliseconds. */
export interface SliceStats {
  slices: number;
  longestMs: number;
}

/**
 * Runs `steps` in slices of about `sliceMs`, awaiting `pause` between slices (by default
 * `nextTask`, which lets the thread's other tasks run). A single step longer than a slice
 * still runs whole: the slices are only as fine as the steps.
 */
export async function runInSlices<T>(steps: Steps<T>, sliceMs: number = SLICE_MS, stats: SliceStats = { slices: 0, longestMs: 0 }, pause: () => Promise<void> = nextTask): Promise<T> {
  let started = performance.now();
  const close = () => {
    stats.slices++;
    stats.longestMs = Math.max(stats.longestMs, performance.now() - started);
  };
  for (;;) {
    const step = steps.next();
    if (step.done) {
      close();
      return step.value;
    }
    if (performance.now() - started >= sliceMs) {
      close();
      await pause();
      started = performance.now();
    }
  }
}

/** Work items a step does before yielding, for loops whose items each take a microsecond or so. */
export const ITEMS_PER_STEP = 256;

/** The longest a step paced by `Pace` runs, in milliseconds, unless one item takes longer. */
export const STEP_MS = 2;

/**
 * Ends a loop's steps after `items` items or `STEP_MS`, whichever comes first: `if
 * (pace.tick()) yield* pace.pause();` after each item. A count alone keeps steps short only
 * once the loop runs at its usual speed. The same count takes five times as long before the
 * engine has compiled the loop, and longer again when a step's items are large or the machine
 * is busy. At 50,000 library entries in 8 ms slices (the web extension's load), the first step
 * of filing 200 papers under topics took 28-38 ms where the later ones took 6, and the longest
 * stall it made was the load's. `tick` reads the clock (about 50 ns) for every item: meant for
 * loops whose items take a microsecond or more; a loop of cheaper items uses `tickCheap`.
 */
export class Pace {
  private left: number;
  private started = performance.now();

  constructor(private readonly items: number, private readonly ms: number = STEP_MS) {
    this.left = items;
  }

  /** Counts an item done, as `cost` items (a loop of items of unequal cost); true when the step is over and the loop should pause. */
  tick(cost = 1): boolean {
    return (this.left -= cost) <= 0 || performance.now() - this.started >= this.ms;
  }

  /** `tick` for a loop of cheap items: counts item `k` (from 0), reading the clock once per 256 items. */
  tickCheap(k: number): boolean {
    return (k & 255) === 255 && this.tick(256);
  }

  /** Ends the step: yields, and starts the next step when the loop resumes (the time paused belongs to no step). */
  *pause(): Steps<void> {
    yield;
    this.left = this.items;
    this.started = performance.now();
  }
}

/**
 * Writes zeros over a freshly allocated `array`, in order, 256K elements a step, before a loop
 * writes it at random. Fresh memory costs a page fault at its first touch, and on a 2-core
 * virtual machine like CI's that is about 4 ms a megabyte: scattered writes touch every page
 * of a large array in their first step (120 ms for 28 MB), while this spreads the same cost.
 */
export function* touchInSteps(array: Int32Array | Uint16Array | Uint8Array | Float32Array): Steps<void> {
  const STEP = 1 << 18;
  for (let at = 0; at < array.length; at += STEP) {
    array.fill(0, at, at + STEP);
    yield;
  }
}

/**
 * `items` sorted in place by code unit order (`compare` to order otherwise), in steps: runs of
 * `RUN` sorted by the engine's sort, then merged pairwise, yielding every `RUN` items. The same
 * order as `items.sort(compare)` for a total order. Why not `sort` alone: at 170,000 words the
 * engine's sort holds the thread for about 250 ms.
 */
export function* sortInSteps<T>(items: T[], compare: (a: T, b: T) => number = defaultCompare): Steps<T[]> {
  const RUN = 4096;
  const n = items.length;
  for (let from = 0; from < n; from += RUN) {
    const run = items.slice(from, Math.min(n, from + RUN)).sort(compare);
    for (let k = 0; k < run.length; k++) items[from + k] = run[k];
    yield;
  }
  let source = items;
  let target: T[] = new Array<T>(n);
  for (let width = RUN; width < n; width *= 2) {
    let done = 0;
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let a = lo;
      let b = mid;
      for (let k = lo; k < hi; k++) {
        // Stable: an item of the left run goes first on a tie.
        if (a < mid && (b >= hi || compare(source[a], source[b]) <= 0)) target[k] = source[a++];
        else target[k] = source[b++];
        if (++done % RUN === 0) yield;
      }
    }
    [source, target] = [target, source];
  }
  if (source !== items) for (let k = 0; k < n; k++) items[k] = source[k];
  return items;
}

function defaultCompare<T>(a: T, b: T): number {
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
