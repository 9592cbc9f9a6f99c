/**
 * The library worker and its helper run below the extension host's priority. On a two-core
 * machine a cold load keeps both threads busy for seconds, and the host's thread, which needs
 * the core for a few milliseconds at a time (a keystroke, a hover), had to wait its turn. With
 * the threads at a lower priority, a 1 ms timer on the host during a cold load's build at
 * 50,000 papers was late by 3.3-3.4 ms at the 99th percentile and 14-16 ms at most, against
 * 4.3 ms and 13-31 ms before (two runs each, interleaved).
 *
 * Linux keeps a nice value per thread, set by the thread's id, which Node does not expose but
 * `/proc/thread-self` names. Elsewhere (no `/proc`) the threads run as they are.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';

/** Lowers the calling thread's priority where the system allows it; never throws. */
export function lowerThreadPriority(): void {
  try {
    const tid = Number(path(fs.readlinkSync('/proc/thread-self')));
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) os.setPriority(tid, os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // No /proc, or not allowed: the default priority.
  }
}

/** The last part of `/proc/thread-self`'s target, `PID/task/TID`. */
function path(target: string): string {
  return target.slice(target.lastIndexOf('/') + 1);
}
