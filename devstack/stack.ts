import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startControlServer } from './control';
import { startDynamoCounter, type DynamoCounter, type WireCounts } from './dynamoCounter';
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
  /** The API process's Lambda invoke port. */
  lambda: number;
  /** The worker process's Lambda invoke port (stream consumers and scheduled jobs: invoke a job here). */
  workerLambda: number;
  s3: number;
  wechat: number;
  control: number;
  h5: number;
}

export const DEV_PORTS: Ports = {
  dynamo: 8000,
  api: 3000,
  lambda: 3002,
  workerLambda: 3003,
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
  /** The WeChat stand-in's jscode2session quota per minute (100, as WeChat's, unless a load test needs more). */
  wechatCodesPerMinute?: number;
  /** Preload devstack/memoryProbe.cjs into the API process so the soak can read its live heap. */
  memoryProbe?: boolean;
  /**
   * Rebuild the Lambdas when a source file changes (`npm start`). Off for test and benchmark stacks:
   * serverless-esbuild rebuilds every function on any change, which costs seconds of CPU mid-run.
   */
  watch?: boolean;
  /**
   * Write V8 CPU profiles when the stack stops (`node --cpu-prof`): the API process's into `<dir>/api`,
   * the worker's into `<dir>/worker`.
   */
  cpuProfileDir?: string;
  /**
   * Put a counting proxy between these serverless-offline processes and DynamoDB Local (see
   * dynamoCounter.ts): `stack.wireCalls` then tells how many calls each made. It adds a hop per call.
   */
  countDynamoCalls?: OfflineRole[];
  /**
   * `street`: after the demo, the street-scale seed (devstack/seed/street.ts; `LINLI_SEED=street` asks the same,
   * `LINLI_SEED_NUMBER` and `LINLI_SEED_SIZE` choose which and how big). Default: the demo only.
   */
  seed?: 'demo' | 'street';
  log?: (line: string) => void;
}

export interface RunningStack {
  ports: Ports;
  urls: { api: string; wechat: string; s3: string; control: string; h5?: string; dynamo: string };
  tableName: string;
  seeded: 'seeded' | 'present';
  /** The database process, for fault tests that take it away and bring it back. */
  dynamo: import('./dynamodb').DynamoLocal;
  /** The API's serverless-offline process (every HTTP Lambda runs in it), for the soak's memory samples. */
  apiPid?: number;
  /**
   * The worker process: stream consumers (notification dispatcher, projector) and scheduled jobs, apart
   * from the API as on AWS. Benchmarks of the request path pause it (SIGSTOP) so the fan-out does not
   * share the cores; the stream keeps its records until it resumes.
   */
  worker: { pid?: number; pause(): void; resume(): void };
  /** DynamoDB calls on the wire of the processes named in `countDynamoCalls` (others read as zero). */
  wireCalls: { api(): WireCounts; worker(): WireCounts; reset(): void };
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
    if ((opts.seed ?? process.env.LINLI_SEED) === 'street') {
      const { seedStreetFromEnv } = await import('./seed/street');
      const street = await seedStreetFromEnv((line) => console.log(`  … ${line}`));
      log(
        street.state === 'present'
          ? `Street seed ${street.streetId}   already present`
          : `Street seed ${street.streetId}   ${street.communityIds.length} communities, ${street.units} units, ${street.residents} residents, ${street.grievances} 诉求, ${street.activities} activities, ${street.redemptions} redemptions in ${street.seconds.toFixed(0)} s`,
      );
    }

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
      ...(opts.wechatCodesPerMinute ? { code2SessionPerMinute: opts.wechatCodesPerMinute } : {}),
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

    const control = await startControlServer(ports.control, {
      workerLambdaUrl: `http://127.0.0.1:${ports.workerLambda}`,
    });
    stops.push(control.close);

    // Each process may talk to DynamoDB through its own counting proxy.
    const counters: Partial<Record<OfflineRole, DynamoCounter>> = {};
    for (const role of opts.countDynamoCalls ?? []) {
      const counter = await startDynamoCounter(dynamo.endpoint);
      counters[role] = counter;
      stops.push(counter.close);
    }
    const endpointFor = (role: OfflineRole) => counters[role]?.endpoint ?? dynamo.endpoint;
    // Both build at once (each bundles only its own functions); the API answers first.
    const startApi = () => startServerlessOffline('api', ports, endpointFor('api'), opts);
    const [firstApi, worker] = await Promise.all([
      startApi(),
      startServerlessOffline('worker', ports, endpointFor('worker'), opts),
    ]);
    let api = firstApi;
    stops.push(
      () => api.stop(),
      () => worker.stop(),
    );
    log(`API (serverless-offline) http://127.0.0.1:${ports.api}`);
    log(`Worker (streams, schedules) pid ${worker.pid}`);

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
      worker: {
        pid: worker.pid,
        pause: () => worker.signal('SIGSTOP'),
        resume: () => worker.signal('SIGCONT'),
      },
      wireCalls: {
        api: () => counters.api?.counts() ?? { total: 0, byOperation: {} },
        worker: () => counters.worker?.counts() ?? { total: 0, byOperation: {} },
        reset: () => Object.values(counters).forEach((c) => c.reset()),
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

export type OfflineRole = 'api' | 'worker';

/**
 * One serverless-offline process: `api` serves HTTP, `worker` runs the stream consumers and scheduled
 * jobs (devstack/offlineRole.js keeps each one's functions). Resolves once it is ready: the API when it
 * answers HTTP, the worker when its stream readers have started.
 */
async function startServerlessOffline(role: OfflineRole, ports: Ports, dynamoEndpoint: string, opts: StackOptions) {
  const extraEnv = opts.lambdaEnv ?? {};
  const probe =
    opts.memoryProbe && role === 'api' ? ['--expose-gc', '--require', join(ROOT, 'devstack', 'memoryProbe.cjs')] : [];
  const profile = opts.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', join(opts.cpuProfileDir, role)] : [];
  const child = spawn(
    process.execPath,
    [
      ...probe,
      ...profile,
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
        LINLI_OFFLINE_ROLE: role,
        LINLI_API_PORT: String(ports.api),
        LINLI_LAMBDA_PORT: String(role === 'api' ? ports.lambda : ports.workerLambda),
        LINLI_DYNAMODB_ENDPOINT: dynamoEndpoint,
        LINLI_S3_ENDPOINT: `http://127.0.0.1:${ports.s3}`,
        LINLI_WECHAT_API_BASE: `http://127.0.0.1:${ports.wechat}`,
        ...(opts.watch ? {} : { LINLI_ESBUILD_WATCH: NOTHING_TO_WATCH }),
        ...Object.fromEntries(Object.entries(extraEnv).map(([k, v]) => [k.startsWith('LINLI_') ? k : `LINLI_${k}`, v])),
      },
    },
  );
  adoptGroup(child, 'serverless-offline');
  let output = '';
  let streamsStarted = false;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    streamsStarted ||= output.includes(STREAMS_STARTED);
    if (process.env.LINLI_STACK_VERBOSE) process.stderr.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    if (role === 'api') await waitForHttp(`http://127.0.0.1:${ports.api}/me`, 180_000, () => child.exitCode === null);
    else
      await waitUntil(
        () => streamsStarted,
        `"${STREAMS_STARTED}"`,
        180_000,
        () => child.exitCode === null,
      );
  } catch (error) {
    await killTree(child);
    throw new Error(
      `serverless-offline (${role}) did not start: ${(error as Error).message}\n--- its output ---\n${output}`,
    );
  }
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      /* already gone */
    }
  };
  return {
    // A paused worker must run again to hear SIGTERM (and write its profile).
    stop: () => (signal('SIGCONT'), killTree(child, 'SIGTERM')),
    kill: () => killTree(child, 'SIGKILL'),
    signal,
    output: () => output,
    pid: child.pid,
  };
}

/** What serverless-offline-dynamodb-streams logs once its readers are polling. */
const STREAMS_STARTED = 'Starting Offline Dynamodb Streams';

async function waitUntil(ready: () => boolean, what: string, timeoutMs: number, isAlive: () => boolean) {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (!isAlive()) throw new Error('the process exited before it was ready');
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A watch pattern that matches no file: serverless-esbuild always watches under `offline`, so point it nowhere. */
const NOTHING_TO_WATCH = '.esbuild/no-watch/*.never';

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
