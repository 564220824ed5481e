/**
 * Operator commands for a deployed stage: `npm run admin -- <command> --stage <stage> [options]`.
 *
 *   bootstrap   issue the one-time code that makes the first administrator (functions/src/streets/bootstrap.ts).
 *               On AWS the code goes to SSM as a SecureString (`/linli/<stage>/bootstrap-code`) and is not
 *               printed; `--store print` prints it once instead (and keeps only its hash). On the local
 *               stage (`--stage local`, DynamoDB Local of `npm start` or $DYNAMODB_ENDPOINT) it is printed.
 *               A second run changes nothing: it says a code is waiting (and where), or that the
 *               deployment already has its administrator. `--renew` replaces a lost, unused code.
 *
 *   migrate-owner-proxies  rewrite 书面委托 stored before nominations kept their history and the 委托码 was hashed
 *               (one community, `--community <id>`; idempotent: functions/src/agora/ownerProxies/migrateLegacy.ts).
 *
 *   backfill-held  put 诉求 content WeChat held before 内容审核 served it into that queue (one community,
 *               `--community <id>`; idempotent: functions/src/moderation/backfillHeld.ts).
 *
 * Options: --table <name> (default linli-<stage>), --region <region> (default $AWS_REGION or cn-north-1),
 * --store ssm|print, --renew, --json (one JSON line, for scripts and tests).
 */
import { parseArgs } from 'node:util';

interface Options {
  stage: string;
  table: string;
  region: string;
  store: 'ssm' | 'print';
  renew: boolean;
  json: boolean;
  community?: string;
}

function options(argv: string[]): { command: string | undefined; opts: Options } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      stage: { type: 'string' },
      table: { type: 'string' },
      region: { type: 'string' },
      store: { type: 'string' },
      renew: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      community: { type: 'string' },
    },
  });
  const stage = values.stage;
  if (!stage) throw new Error('--stage is required (e.g. --stage prod, or --stage local for npm start)');
  const store = values.store ?? (stage === 'local' ? 'print' : 'ssm');
  if (store !== 'ssm' && store !== 'print') throw new Error('--store is ssm or print');
  return {
    command: positionals[0],
    opts: {
      stage,
      table: values.table ?? `linli-${stage}`,
      region: values.region ?? process.env.AWS_REGION ?? 'cn-north-1',
      store,
      renew: values.renew ?? false,
      json: values.json ?? false,
      community: values.community,
    },
  };
}

/** The functions' configuration for this process, set before any of their modules (clients are module-scoped). */
function configure(o: Options) {
  process.env.STAGE = o.stage;
  process.env.TABLE_NAME = o.table;
  process.env.AWS_REGION = o.region;
  if (o.stage === 'local') {
    process.env.DYNAMODB_ENDPOINT ??= 'http://127.0.0.1:8000';
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  }
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
}

const parameterName = (stage: string) => `/linli/${stage}/bootstrap-code`;

async function storeInSsm(o: Options, code: string) {
  const { SSMClient, PutParameterCommand } = await import('@aws-sdk/client-ssm');
  const ssm = new SSMClient({ region: o.region });
  await ssm.send(
    new PutParameterCommand({
      Name: parameterName(o.stage),
      Value: code,
      Type: 'SecureString',
      Overwrite: true,
      Description: 'Linli: one-time code for the first administrator (used once, then worthless)',
    }),
  );
}

async function bootstrap(o: Options): Promise<Record<string, unknown>> {
  const { bootstrapState, issueBootstrapCode, newBootstrapCode } = await import('../functions/src/streets/bootstrap');
  const now = new Date();
  const before = await bootstrapState();
  // Nothing to do: say so, and touch neither SSM nor the table.
  if (before.state === 'done') return { outcome: 'done', usedAt: before.usedAt };
  if (before.state === 'pending' && !o.renew && before.expiresAt > now.toISOString())
    return { outcome: 'pending', expiresAt: before.expiresAt, storedIn: before.storedIn };
  const code = newBootstrapCode();
  const storedIn = o.store === 'ssm' ? `ssm:${parameterName(o.stage)}` : 'printed';
  // SSM first: a code whose hash is in the table but that nobody can read would lock the operator out until --renew.
  if (o.store === 'ssm') await storeInSsm(o, code);
  const outcome = await issueBootstrapCode({ now, storedIn, renew: o.renew, code });
  if (outcome.outcome !== 'issued') return outcome;
  return o.store === 'print'
    ? { outcome: 'issued', code, expiresAt: outcome.expiresAt, storedIn }
    : { outcome: 'issued', expiresAt: outcome.expiresAt, storedIn };
}

function explain(result: Record<string, unknown>, o: Options): string {
  switch (result.outcome) {
    case 'issued':
      return [
        `Bootstrap code issued for stage ${o.stage} (valid until ${String(result.expiresAt)}).`,
        result.code
          ? `  Code: ${String(result.code)}   (shown once; only its hash is stored)`
          : `  Stored in SSM as a SecureString: ${parameterName(o.stage)}\n  Read it with: aws ssm get-parameter --with-decryption --name ${parameterName(o.stage)}`,
        '  Sign in to the mini-program, open 我的 → 初始化（首位管理员）, and enter the code with your real name.',
      ].join('\n');
    case 'pending':
      return `A bootstrap code is already waiting (until ${String(result.expiresAt)}, ${String(result.storedIn)}); nothing changed.\n  Lost it? Run again with --renew to replace it.`;
    case 'done':
      return `Stage ${o.stage} already has its first administrator (since ${String(result.usedAt)}); nothing changed.`;
    default:
      return JSON.stringify(result);
  }
}

async function main() {
  const { command, opts } = options(process.argv.slice(2).filter((a) => a !== '--'));
  if (command === 'backfill-held') {
    if (!opts.community) throw new Error('--community <id> is required');
    configure(opts);
    const { backfillHeldGrievanceContent } = await import('../functions/src/moderation/backfillHeld');
    const result = await backfillHeldGrievanceContent({ communityId: opts.community });
    process.stdout.write(
      `${opts.json ? JSON.stringify(result) : `queued ${result.queued} held item(s) in 内容审核; ${result.skipped} already queued or decided`}\n`,
    );
    return;
  }
  if (command === 'migrate-owner-proxies') {
    if (!opts.community) throw new Error('--community <id> is required');
    configure(opts);
    const { migrateLegacyOwnerProxies } = await import('../functions/src/agora/ownerProxies/migrateLegacy');
    const result = await migrateLegacyOwnerProxies({ communityId: opts.community });
    process.stdout.write(
      `${opts.json ? JSON.stringify(result) : `rewrote ${result.migrated} 书面委托 in ${result.topics} owners' vote(s): history kept, 委托码 hashed`}
`,
    );
    return;
  }
  if (command !== 'bootstrap')
    throw new Error(`unknown command ${command ?? '(none)'}; try: bootstrap --stage <stage>`);
  configure(opts);
  const result = await bootstrap(opts);
  process.stdout.write(`${opts.json ? JSON.stringify(result) : explain(result, opts)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
