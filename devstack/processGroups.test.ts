import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { portAnswers } from './ports';
import { isAlive as alive, stopStaleGroups } from './processGroups';

/**
 * A runner killed mid-run leaves nothing behind: DynamoDB Local runs in its own process group (so a
 * terminal's Ctrl-C reaches only the runner), and the runner takes the group with it when it is told
 * to stop; one killed outright (SIGKILL) leaves a record by which the next run stops it.
 */
jest.setTimeout(90_000);

async function until(ok: () => boolean | Promise<boolean>, ms = 15_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await ok()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return ok();
}

/** Starts the runner (one node process: tsx as a loader) and waits for its DynamoDB Local. */
async function startRunner() {
  const runner = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'interruptRunner.ts')], {
    cwd: join(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => runner.once('exit', () => resolve()));
  const db = await new Promise<{ pid: number; port: number }>((resolve, reject) => {
    let out = '';
    runner.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0] as string) as { pid: number; port: number });
    });
    runner.once('exit', (code) => reject(new Error(`runner exited (${code}) before DynamoDB Local was up`)));
  });
  expect(alive(db.pid)).toBe(true);
  expect(await portAnswers(db.port)).toBe(true);
  return { runner, exited, db };
}

it.each(['SIGINT', 'SIGTERM'] as const)(
  'a runner stopped by %s takes DynamoDB Local with it and frees its port',
  async (signal) => {
    const { runner, exited, db } = await startRunner();
    runner.kill(signal);
    await exited;
    expect(await until(() => !alive(db.pid))).toBe(true);
    expect(await until(async () => !(await portAnswers(db.port)))).toBe(true);
  },
);

it('DynamoDB Local left by a runner killed outright is stopped by its recorded PID on the next start', async () => {
  const { runner, exited, db } = await startRunner();
  runner.kill('SIGKILL');
  await exited;
  // Its own process group outlives a SIGKILLed parent: that is what the record is for.
  expect(alive(db.pid)).toBe(true);
  expect(stopStaleGroups()).toContain(`DynamoDB Local (pid ${db.pid})`);
  expect(await until(() => !alive(db.pid))).toBe(true);
  expect(await until(async () => !(await portAnswers(db.port)))).toBe(true);
});
