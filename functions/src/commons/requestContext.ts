import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-invocation facts that deep code needs without threading them through every call. */
export interface RequestContext {
  correlationId: string;
  /** DynamoDB calls made while serving this request; reported by benchmarks and checked by tests. */
  dbOps: { reads: number; writes: number; commands: string[] };
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(ctx: RequestContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(ctx, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

const WRITE_COMMANDS = /^(Put|Update|Delete|TransactWrite|BatchWrite)/;

export function countDbCommand(commandName: string): void {
  const ctx = storage.getStore();
  if (!ctx) return;
  const name = commandName.replace(/Command$/, '');
  ctx.dbOps.commands.push(name);
  if (WRITE_COMMANDS.test(name)) ctx.dbOps.writes += 1;
  else ctx.dbOps.reads += 1;
}
