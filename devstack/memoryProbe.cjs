// Bench-only, preloaded into serverless-offline's process (with --expose-gc) when the soak runs.
// RSS alone can't tell a leak from V8 growing its heap and the allocator keeping freed pages, so on
// SIGUSR2 this runs a full garbage collection and appends what is still live to a file the soak reads:
// live heap that keeps rising after full collections is memory something holds on to.
'use strict';
const { appendFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

// The handler is installed even without --expose-gc: SIGUSR2's default action would end the process.
const file = join(tmpdir(), `linli-memory-${process.pid}.jsonl`);
process.on('SIGUSR2', () => {
  if (typeof global.gc !== 'function') return;
  global.gc();
  const { heapUsed, external, arrayBuffers, rss } = process.memoryUsage();
  appendFileSync(file, `${JSON.stringify({ at: Date.now(), heapUsed, external, arrayBuffers, rss })}\n`);
});
