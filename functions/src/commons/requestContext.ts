import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-invocation facts that deep code needs without threading them through every call. */
export interface RequestContext {
  correlationId: string;
  /**
   * DynamoDB calls sent while serving this request (each attempt of a retried call counts); reported
   * by benchmarks and checked against a counting proxy by tests. `answered` is set once the answer is
   * built: a call after that (work left running) counts as unattributed.
   */
  dbOps: { reads: number; writes: number; commands: string[]; answered?: boolean };
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(ctx: RequestContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(ctx, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

const WRITE_COMMANDS = /^(Put|Update|Delete|TransactWrite|BatchWrite)/;

let unattributed = 0;

/** Counts one DynamoDB call on the wire against the request in whose context it is sent. */
export function countDbCommand(commandName: string): void {
  const ctx = storage.getStore();
  if (!ctx || ctx.dbOps.answered) {
    unattributed += 1;
    return;
  }
  const name = commandName.replace(/Command$/, '');
  ctx.dbOps.commands.push(name);
  if (WRITE_COMMANDS.test(name)) ctx.dbOps.writes += 1;
  else ctx.dbOps.reads += 1;
}

/**
 * DynamoDB calls this Lambda instance sent outside any request, or after its request was answered,
 * since the last time this was asked (it resets): the diagnostics header reports them as `outside`,
 * so the header's sum over every answer equals the calls on the wire.
 */
export function takeUnattributedDbCalls(): number {
  const n = unattributed;
  unattributed = 0;
  return n;
}
