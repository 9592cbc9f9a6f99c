/**
 * `lowerThreadPriority` (`src/worker/priority.ts`): a worker thread lowers its own priority,
 * not the process's (Linux only: elsewhere it does nothing, and this test is not run).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

const MODULE = path.join(__dirname, '..', '..', 'src', 'worker', 'priority.js');

describe('worker thread priority', function () {
  before(function () {
    if (!fs.existsSync('/proc/thread-self')) this.skip();
  });

  it('lowers the calling thread\'s priority only', async () => {
    const before = os.getPriority(process.pid);
    const script = `
      const { parentPort } = require('node:worker_threads');
      const os = require('node:os');
      const fs = require('node:fs');
      const target = fs.readlinkSync('/proc/thread-self');
      const tid = Number(target.slice(target.lastIndexOf('/') + 1));
      const was = os.getPriority(tid);
      require(${JSON.stringify(MODULE)}).lowerThreadPriority();
      parentPort.postMessage({ tid, was, now: os.getPriority(tid) });`;
    const seen = await new Promise<{ tid: number; was: number; now: number }>((resolve, reject) => {
      const worker = new Worker(script, { eval: true });
      worker.once('message', (m: { tid: number; was: number; now: number }) => void worker.terminate().then(() => resolve(m)));
      worker.once('error', reject);
    });
    assert.notEqual(seen.tid, process.pid);
    assert.equal(seen.was, before);
    assert.equal(seen.now, Math.max(before, os.constants.priority.PRIORITY_BELOW_NORMAL));
    assert.equal(os.getPriority(process.pid), before, 'the process (the extension host) keeps its priority');
  });
});
