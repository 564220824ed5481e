import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The stack's long-lived children (DynamoDB Local, serverless-offline, taro) each run in a process group
 * of their own (`spawn(…, { detached: true })`), so a terminal's Ctrl-C reaches only this process and the
 * stack stops in order. The price is that nothing kills them when this process dies, so every group is
 * adopted here: killed when this process exits or is told to stop (SIGINT, SIGTERM, SIGHUP) without a
 * handler of its own, and recorded in `.data/pids/` so a later run stops what a killed one (SIGKILL, OOM)
 * left behind — by the recorded PID, after checking the process is still the one recorded, never by name.
 */
const PID_DIR = resolve(__dirname, '..', '.data', 'pids');

interface GroupRecord {
  pid: number;
  /** The process that started it; while that lives the group is not stale. */
  owner: number;
  label: string;
  /** The command line when it started, so a recycled PID is never killed. */
  command: string;
}

const adopted = new Map<number, string>();
let hooked = false;

/** Adopts a child spawned with `detached: true` (leader of its own group) for cleanup; `label` names it in logs. */
export function adoptGroup(child: ChildProcess, label: string): void {
  const pid = child.pid;
  if (pid === undefined) return;
  adopted.set(pid, label);
  installHooks();
  const record: GroupRecord = { pid, owner: process.pid, label, command: commandOf(pid) ?? '' };
  try {
    mkdirSync(PID_DIR, { recursive: true });
    writeFileSync(recordPath(pid), JSON.stringify(record));
  } catch {
    /* a read-only checkout still gets the in-process cleanup */
  }
  child.once('exit', () => {
    adopted.delete(pid);
    rmSync(recordPath(pid), { force: true });
  });
}

/** Signals a whole adopted group (the leader and everything it started). False when it is gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the groups an earlier run recorded whose owner is gone (it was killed before it could clean up),
 * and forgets records of processes that ended. Answers what it stopped, e.g. `DynamoDB Local (pid 123)`.
 */
export function stopStaleGroups(): string[] {
  if (!existsSync(PID_DIR)) return [];
  const stopped: string[] = [];
  for (const file of readdirSync(PID_DIR).filter((f) => f.endsWith('.json'))) {
    let record: GroupRecord;
    try {
      record = JSON.parse(readFileSync(join(PID_DIR, file), 'utf8')) as GroupRecord;
    } catch {
      rmSync(join(PID_DIR, file), { force: true });
      continue;
    }
    if (isAlive(record.owner)) continue; // its run (this one, too) is still going
    const command = commandOf(record.pid);
    if (command !== undefined && command === record.command) {
      signalGroup(record.pid, 'SIGKILL');
      stopped.push(`${record.label} (pid ${record.pid})`);
    }
    rmSync(join(PID_DIR, file), { force: true });
  }
  return stopped;
}

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => killAdopted('SIGKILL'));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      // A host with its own handler (npm start's orderly stop) is in charge; the exit hook catches the rest.
      if (process.listenerCount(signal) > 1) return;
      killAdopted('SIGTERM');
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal); // die of the signal as if it had not been caught
    };
    process.on(signal, onSignal);
  }
}

function killAdopted(signal: NodeJS.Signals): void {
  for (const pid of adopted.keys()) signalGroup(pid, signal);
}

const recordPath = (pid: number) => join(PID_DIR, `${pid}.json`);

/** True while a process with this PID exists (one of another user's counts too). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process's command line, or undefined when there is no such process. */
function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    if (existsSync('/proc')) return undefined;
    const ps = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return ps.status === 0 ? ps.stdout.trim() : undefined;
  }
}
