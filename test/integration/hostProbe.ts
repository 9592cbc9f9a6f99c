/**
 * Measuring tools for the extension host the integration tests run in (the tests share the
 * extension's thread): a stall probe, and an optional CPU profile of that thread.
 *
 * - `StallProbe`: a timer due every `PROBE_MS`; a late tick means the host's thread was busy
 *   (with Paper Lens, another extension, or VS Code's own extension-host code, such as taking in
 *   a document the workbench sent). Its gaps say whether, and when, the thread was held.
 * - `startProfile`: with `PAPER_LENS_PROFILE` set to a file path, a V8 CPU profile of the host's
 *   thread (node:inspector), written there when stopped; `summarizeProfile` adds up its self
 *   time by script, so the time can be put on the component that spent it.
 */
import * as fs from 'fs';
import * as inspector from 'inspector';

/** How often the stall probe ticks, in ms. */
const PROBE_MS = 10;

export interface Stall {
  /** When the late tick came (`performance.now()`). */
  readonly at: number;
  /** How much later than due it came, in ms. */
  readonly ms: number;
}

export class StallProbe {
  private readonly timer: ReturnType<typeof setInterval>;
  private last = performance.now();
  readonly stalls: Stall[] = [];

  constructor(private readonly threshold = 50) {
    this.timer = setInterval(() => {
      const now = performance.now();
      const late = now - this.last - PROBE_MS;
      if (late >= this.threshold) this.stalls.push({ at: now, ms: late });
      this.last = now;
    }, PROBE_MS);
  }

  /** The stalls that ended between `from` and `to`. */
  between(from: number, to: number): Stall[] {
    return this.stalls.filter((s) => s.at >= from && s.at <= to);
  }

  /** How long the thread was held in stalls between `from` and `to` (each stall clipped to them), in ms. */
  heldBetween(from: number, to: number): number {
    let ms = 0;
    for (const s of this.stalls) ms += Math.max(0, Math.min(to, s.at) - Math.max(from, s.at - s.ms));
    return ms;
  }

  /** The longest stall between `from` and `to` (0 when none). */
  longest(from: number, to: number): number {
    return Math.max(0, ...this.between(from, to).map((s) => s.ms));
  }

  /** `from`'s stalls in words: each one's length and when it ended, relative to `origin`. */
  describe(from: number, to: number, origin: number): string {
    const stalls = this.between(from, to);
    if (!stalls.length) return 'none';
    return stalls.map((s) => `${s.ms.toFixed(0)} ms ending at +${(s.at - origin).toFixed(0)} ms`).join(', ');
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/** A running CPU profile of this thread; `stop` writes it and resolves to its path (undefined when profiling is off). */
export interface RunningProfile {
  stop(): Promise<string | undefined>;
}

export async function startProfile(): Promise<RunningProfile> {
  const file = process.env.PAPER_LENS_PROFILE;
  if (!file) return { stop: async () => undefined };
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 1000 });
  await post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await post<{ profile: Profile }>('Profiler.stop');
      session.disconnect();
      fs.writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}

/**
 * Self time by script in a profile written by `startProfile`, the largest first (`top` of them),
 * with the busiest functions of each; the URL is shortened to what names the component.
 */
export function summarizeProfile(file: string, top = 8): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const scripts = new Map<string, { ms: number; functions: Map<string, number> }>();
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const script = shortUrl(node.callFrame.url) || `(${node.callFrame.functionName || 'native'})`;
    const entry = scripts.get(script) ?? { ms: 0, functions: new Map<string, number>() };
    entry.ms += ms;
    const fn = `${node.callFrame.functionName || '(anonymous)'}:${node.callFrame.lineNumber + 1}`;
    entry.functions.set(fn, (entry.functions.get(fn) ?? 0) + ms);
    scripts.set(script, entry);
  }
  return [...scripts.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, top)
    .map(([script, e]) => {
      const fns = [...e.functions.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
      return `${script} ${e.ms.toFixed(0)} ms (${fns.map(([f, ms]) => `${f} ${ms.toFixed(0)}`).join(', ')})`;
    })
    .join('; ');
}

function shortUrl(url: string): string {
  const extensions = /\/extensions\/([^/]+)\//.exec(url);
  if (extensions) return `extension ${extensions[1]}`;
  const out = /\/(out|dist)\/(.+)$/.exec(url);
  return out ? `${out[1]}/${out[2].split('/').slice(-3).join('/')}` : url;
}
