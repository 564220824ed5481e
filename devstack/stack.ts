import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startControlServer } from './control';
import { startDynamoLocal } from './dynamodb';
import { startH5Server } from './h5Server';
import { freePort, waitForHttp } from './ports';
import { adoptGroup } from './processGroups';
import { startLocalS3 } from './s3';
import { ensureTable, localClient } from './table';
import { startWeChatStandIn } from './wechat/server';

export const ROOT = resolve(__dirname, '..');

export interface Ports {
  dynamo: number;
  api: number;
  lambda: number;
  s3: number;
  wechat: number;
  control: number;
  h5: number;
}

export const DEV_PORTS: Ports = {
  dynamo: 8000,
  api: 3000,
  lambda: 3002,
  s3: 4569,
  wechat: 4600,
  control: 4601,
  h5: 10086,
};

export interface StackOptions {
  /** Persist DynamoDB and S3 data under this folder; in-memory (and a temp S3 folder) when absent. */
  dataDir?: string;
  /** Fixed ports (npm start) or free ones (tests, so they never collide with a running npm start). */
  ports: Ports | 'free';
  /** `watch`: taro's dev server with hot reload; `static`: serve miniapp/dist/h5 (tests); `none`. */
  h5: 'watch' | 'static' | 'none';
  /** Extra environment for the Lambdas (e.g. looser rate limits for load tests). */
  lambdaEnv?: Record<string, string>;
  /** Preload devstack/memoryProbe.cjs into the API process so the soak can read its live heap. */
  memoryProbe?: boolean;
  log?: (line: string) => void;
}

export interface RunningStack {
  ports: Ports;
  urls: { api: string; wechat: string; s3: string; control: string; h5?: string; dynamo: string };
  tableName: string;
  seeded: 'seeded' | 'present';
  /** The database process, for fault tests that take it away and bring it back. */
  dynamo: import('./dynamodb').DynamoLocal;
  /** serverless-offline's process (every Lambda runs in it), for the soak's memory samples. */
  apiPid?: number;
  /**
   * Kills the API process outright (SIGKILL, as a Lambda container dies mid-request: no cleanup, requests
   * in flight get no answer) and starts a fresh one on the same port: for fault tests.
   */
  crashApi(): Promise<void>;
  stop(): Promise<void>;
}

const APP_ID = 'wx-linli-local';
const APP_SECRET = 'local-dev-secret';
const JWT_SECRET = 'local-only-jwt-secret-not-for-any-real-stage';
const BALLOT_SECRET = 'local-only-ballot-secret-not-for-any-real-stage';
const TABLE = 'linli-local';
const BUCKET = 'linli-media-local';

async function resolvePorts(ports: StackOptions['ports']): Promise<Ports> {
  if (ports !== 'free') return ports;
  const entries = await Promise.all(Object.keys(DEV_PORTS).map(async (k) => [k, await freePort()] as const));
  return Object.fromEntries(entries) as unknown as Ports;
}

/**
 * The whole local stack, in one call: DynamoDB Local (table created or migrated, demo community
 * seeded when empty), local S3, the WeChat stand-in, the control plane, the API on
 * serverless-offline (HTTP, schedules, stream triggers), and the H5 app. `stop()` ends all of it.
 */
export async function startStack(opts: StackOptions): Promise<RunningStack> {
  const log = opts.log ?? (() => undefined);
  const ports = await resolvePorts(opts.ports);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };

  try {
    const dynamo = await startDynamoLocal({
      port: ports.dynamo,
      dataDir: opts.dataDir && join(opts.dataDir, 'dynamodb'),
      quiet: true,
    });
    stops.push(dynamo.stop);
    log(
      `DynamoDB Local      ${dynamo.endpoint}${opts.dataDir ? ` (data in ${join(opts.dataDir, 'dynamodb')})` : ' (in memory)'}`,
    );

    const env: Record<string, string> = {
      STAGE: 'local',
      AWS_REGION: 'cn-north-1',
      TABLE_NAME: TABLE,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      MEDIA_BUCKET: BUCKET,
      S3_ENDPOINT: `http://127.0.0.1:${ports.s3}`,
      WECHAT_APPID: APP_ID,
      WECHAT_API_BASE: `http://127.0.0.1:${ports.wechat}`,
      JWT_SECRET,
      WECHAT_SECRET: APP_SECRET,
      BALLOT_SECRET,
      DEV_CONTROLLABLE_CLOCK: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    };
    Object.assign(process.env, env);

    const tableState = await ensureTable(localClient(dynamo.endpoint), TABLE);
    const { seedIfEmpty } = await import('./seed/seed');
    const seeded = await seedIfEmpty();
    log(`Table ${TABLE}        ${tableState}; demo community ${seeded === 'seeded' ? 'seeded' : 'already present'}`);

    const s3Dir = opts.dataDir ? join(opts.dataDir, 's3') : mkdtempSync(join(tmpdir(), 'linli-s3-'));
    const s3 = await startLocalS3({ port: ports.s3, directory: s3Dir, bucket: BUCKET });
    stops.push(async () => {
      await s3.stop();
      if (!opts.dataDir) rmSync(s3Dir, { recursive: true, force: true });
    });
    log(`Local S3 (s3rver)   ${s3.endpoint}/${BUCKET}`);

    const { personas } = await import('./seed/personas');
    const { SUBSCRIBE_TEMPLATES } = await import('@linli/shared');
    const wechat = await startWeChatStandIn({
      port: ports.wechat,
      host: '127.0.0.1',
      appId: APP_ID,
      appSecret: APP_SECRET,
      personas: personas.map((p) => ({ openid: p.openid, label: p.label, roles: p.roles })),
      acceptAnyCode: true,
      // The app's templates, so the dev page names them and a bad keyword answers 47003 as WeChat would.
      templates: Object.values(SUBSCRIBE_TEMPLATES).map((t) => ({
        id: t.id,
        title: t.title,
        keywords: { ...t.keywords },
      })),
      // WeChat's 消息推送: image check verdicts (wxa_media_check) go to the API, signed with the local push token.
      callbackUrl: `http://127.0.0.1:${ports.api}/wechat/push`,
    });
    stops.push(wechat.close);
    log(`WeChat stand-in     ${wechat.url}  (dev page: recorded subscribe messages, login codes)`);

    const control = await startControlServer(ports.control);
    stops.push(control.close);

    const startApi = () =>
      startServerlessOffline(ports, dynamo.endpoint, opts.lambdaEnv ?? {}, opts.memoryProbe ?? false);
    let api = await startApi();
    stops.push(() => api.stop());
    log(`API (serverless-offline) http://127.0.0.1:${ports.api}`);

    let h5Url: string | undefined;
    const proxies = {
      '/api': `http://127.0.0.1:${ports.api}`,
      '/wechat-dev': wechat.url,
      '/dev-control': control.url,
    };
    if (opts.h5 === 'static') {
      const h5 = await startH5Server({ port: ports.h5, root: join(ROOT, 'miniapp', 'dist', 'h5'), proxies });
      stops.push(h5.close);
      h5Url = h5.url;
    } else if (opts.h5 === 'watch') {
      const watcher = await startTaroWatch(ports, log);
      stops.push(watcher.stop);
      h5Url = `http://127.0.0.1:${ports.h5}`;
    }

    return {
      ports,
      urls: {
        api: `http://127.0.0.1:${ports.api}`,
        wechat: wechat.url,
        s3: s3.endpoint,
        control: control.url,
        h5: h5Url,
        dynamo: dynamo.endpoint,
      },
      tableName: TABLE,
      seeded,
      dynamo,
      get apiPid() {
        return api.pid;
      },
      crashApi: async () => {
        await api.kill();
        api = await startApi();
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolveKill) => {
    if (child.exitCode !== null || child.pid === undefined) return resolveKill();
    child.once('exit', () => resolveKill());
    try {
      process.kill(-child.pid, signal);
    } catch {
      child.kill(signal);
    }
    setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5000).unref();
  });
}

async function startServerlessOffline(
  ports: Ports,
  dynamoEndpoint: string,
  extraEnv: Record<string, string>,
  memoryProbe: boolean,
) {
  const probe = memoryProbe ? ['--expose-gc', '--require', join(ROOT, 'devstack', 'memoryProbe.cjs')] : [];
  const child = spawn(
    process.execPath,
    [
      ...probe,
      join(ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js'),
      'offline',
      'start',
      '--stage',
      'local',
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
        LINLI_API_PORT: String(ports.api),
        LINLI_LAMBDA_PORT: String(ports.lambda),
        LINLI_DYNAMODB_ENDPOINT: dynamoEndpoint,
        LINLI_S3_ENDPOINT: `http://127.0.0.1:${ports.s3}`,
        LINLI_WECHAT_API_BASE: `http://127.0.0.1:${ports.wechat}`,
        ...Object.fromEntries(Object.entries(extraEnv).map(([k, v]) => [k.startsWith('LINLI_') ? k : `LINLI_${k}`, v])),
      },
    },
  );
  adoptGroup(child, 'serverless-offline');
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (process.env.LINLI_STACK_VERBOSE) process.stderr.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await waitForHttp(`http://127.0.0.1:${ports.api}/me`, 180_000, () => child.exitCode === null);
  } catch (error) {
    await killTree(child);
    throw new Error(`serverless-offline did not start: ${(error as Error).message}\n--- its output ---\n${output}`);
  }
  return { stop: () => killTree(child), kill: () => killTree(child, 'SIGKILL'), output: () => output, pid: child.pid };
}

/**
 * Taro's H5 dev server (webpack, with React Fast Refresh: a saved component updates in the open page).
 * Its ~1,000 lines of webpack progress stay out of the way: each rebuild prints one line, a failed one
 * its errors; LINLI_STACK_VERBOSE=1 prints everything. (Its "[ReactRefreshPlugin] HMR is not enabled"
 * warnings come from webpack's child compilations; the app's bundle is hot: a save emits a hot update.)
 */
async function startTaroWatch(ports: Ports, log: (line: string) => void) {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', 'h5', '--watch'],
    {
      cwd: join(ROOT, 'miniapp'),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        LINLI_API_PORT: String(ports.api),
        LINLI_WECHAT_PORT: String(ports.wechat),
        LINLI_CONTROL_PORT: String(ports.control),
        LINLI_H5_PORT: String(ports.h5),
      },
    },
  );
  adoptGroup(child, 'taro build --watch');
  let output = '';
  let ready = false;
  let pending = '';
  const onLine = (raw: string) => {
    // eslint-disable-next-line no-control-regex -- terminal colour and cursor codes
    const line = raw.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').trim();
    const done = /compiled successfully in (\d+) ms/.exec(line);
    if (done && ready) log(`H5 app rebuilt (${(Number(done[1]) / 1000).toFixed(1)} s)`);
    else if (/^ERROR\b/.test(line)) process.stderr.write(`  ✖ H5 build: ${line}\n`);
    else if (/compiled with \d+ errors?/.test(line))
      process.stderr.write(
        `  ✖ H5 build: ${line} (the page shows them; LINLI_STACK_VERBOSE=1 prints webpack's output)\n`,
      );
  };
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    if (process.env.LINLI_STACK_VERBOSE) process.stdout.write(chunk);
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    lines.forEach(onLine);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await waitForHttp(`http://127.0.0.1:${ports.h5}/`, 300_000, () => child.exitCode === null);
  } catch (error) {
    await killTree(child);
    throw new Error(`the H5 dev server did not start: ${(error as Error).message}\n--- its output ---\n${output}`);
  }
  ready = true;
  return { stop: () => killTree(child) };
}
