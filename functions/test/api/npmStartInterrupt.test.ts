import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { portAnswers } from '../../../devstack/ports';
import { isAlive as alive } from '../../../devstack/processGroups';

/**
 * `npm start` stops when its own PID is signalled — what a process manager or an IDE's stop button
 * does — not only on a terminal's Ctrl-C (which reaches the whole foreground group): every process it
 * started ends and every port it opened is free again. A throwaway stack (free ports, in memory, no H5)
 * so it runs beside this tier's own.
 */
const ROOT = join(__dirname, '..', '..', '..');
jest.setTimeout(400_000);

/** Every process below `root` (by parent PID): detached children change group, not parent. */
function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* ended meanwhile */
    }
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parentOf) {
      if (parent !== pid) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

it('kill -INT of npm start’s PID stops every service it started and frees their ports', async () => {
  const npm = spawn('npm', ['start', '--', '--no-h5', '--free-ports', '--in-memory'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let output = '';
  npm.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    npm.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      if (output.includes('Ctrl-C stops everything')) resolve();
    });
    npm.once('exit', () => reject(new Error(`npm start ended before the stack was up:\n${output.slice(-3000)}`)));
  });
  const ports = [...output.matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
  const pids = descendants(npm.pid as number);
  expect(ports.length).toBeGreaterThanOrEqual(5); // API, WeChat, S3, DynamoDB, control
  expect(pids.length).toBeGreaterThanOrEqual(3); // the runner, DynamoDB Local, serverless-offline
  for (const port of ports) expect([port, await portAnswers(port)]).toEqual([port, true]);

  process.kill(npm.pid as number, 'SIGINT');
  expect(await exited).toBe(0);
  expect(output).toContain('Stopped.');
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && pids.some(alive)) await new Promise((r) => setTimeout(r, 200));
  expect(pids.filter(alive)).toEqual([]);
  for (const port of ports) expect([port, await portAnswers(port)]).toEqual([port, false]);
});
