// `npm test`: every tier in order, with each tier's wall time. `npm test -- <tier> [<tier>…]` runs some.
// It stops at the first tier that fails (later tiers would fail for the same cause, or hide it) and
// prints the summary of the tiers that ran, the failed one included.
//   typecheck  tsc over shared, functions, devstack and miniapp
//   lint       ESLint, Prettier's check, the import boundaries (dependency-cruiser) and the OpenAPI document's
//              lint (Redocly, Spectral OWASP); all four run
//   unit       shared rules, devstack (WeChat stand-in), the OpenAPI document's freshness (scripts), functions against
//              DynamoDB Local, miniapp components
//   api        real HTTP through serverless-offline on the whole local stack
//   e2e        browser journeys on the H5 build in Chromium (playwright-core + Debian chromium)
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const extra = process.argv.slice(2).filter((a) => a.startsWith('-'));

const TIERS = {
  typecheck: [
    [bin('tsc'), '-p', 'shared/tsconfig.json'],
    [bin('tsc'), '-p', 'functions/tsconfig.json'],
    [bin('tsc'), '-p', 'miniapp/tsconfig.json'],
    [bin('tsc'), '-p', 'e2e/tsconfig.json'],
    [bin('tsc'), '-p', 'scripts/tsconfig.json'],
  ],
  lint: [
    [bin('eslint'), '--max-warnings', '0', '.'],
    [bin('prettier'), '--check', '--log-level', 'warn', '.'],
    [process.execPath, join(root, 'scripts', 'lint', 'boundaries.mjs')],
    // docs/openapi.json under Redocly's recommended-strict rules and Spectral's OWASP API Security ruleset:
    // no error, and no warning that .spectral.mjs does not waive with its reason (offline: rulesets from node_modules).
    ['npm', 'run', '--silent', 'openapi-lint'],
  ],
  unit: [[bin('jest'), '--selectProjects', 'shared', 'devstack', 'scripts', 'functions', 'miniapp', ...extra]],
  api: [[bin('jest'), '--selectProjects', 'api', ...extra]],
  e2e: [
    [process.execPath, join(root, 'scripts', 'build-h5-e2e.mjs')],
    [bin('jest'), '--selectProjects', 'e2e', '--runInBand', ...extra],
  ],
};

const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const tiers = chosen.length ? chosen : Object.keys(TIERS);
const unknown = tiers.filter((t) => !TIERS[t]);
if (unknown.length) {
  console.error(`Unknown tier(s): ${unknown.join(', ')}. Tiers: ${Object.keys(TIERS).join(', ')}`);
  process.exit(2);
}

/**
 * Runs one step and forwards SIGINT/SIGTERM/SIGHUP to it: `kill -INT <npm test's pid>` (an IDE's stop
 * button) stops jest, which stops its stacks, instead of leaving it running under a dead parent.
 */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' },
    });
    const forward = (signal) => child.kill(signal);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    child.on('exit', (code, signal) => {
      for (const s of signals) process.removeListener(s, forward);
      resolve({ status: code, signal });
    });
  });
}

// The lint tier runs all its checks and reports every one that failed; other tiers stop at a failed step.
const KEEP_GOING = new Set(['typecheck', 'lint']);

const ran = [];
const started = Date.now();
let failure;
for (const tier of tiers) {
  const t0 = Date.now();
  console.log(`\n━━ ${tier} ━━`);
  const failed = [];
  for (const [cmd, ...args] of TIERS[tier]) {
    const result = await run(cmd, args);
    if (result.signal) {
      console.error(`\n✖ ${tier} stopped by ${result.signal}`);
      process.exit(1);
    }
    if (result.status !== 0) {
      failed.push({ step: `${cmd.split('/').pop()} ${args.join(' ')}`, status: result.status ?? 1 });
      if (!KEEP_GOING.has(tier)) break;
    }
  }
  ran.push({ tier, seconds: (Date.now() - t0) / 1000, failed });
  if (failed.length) {
    failure = failed[0].status;
    break;
  }
}

console.log('\n━━ summary ━━');
for (const { tier, seconds, failed } of ran) {
  console.log(`  ${failed.length ? '✖' : '✓'} ${tier.padEnd(10)} ${seconds.toFixed(1)} s`);
  for (const { step } of failed) console.log(`      failed: ${step}`);
}
const skipped = tiers.slice(ran.length);
if (skipped.length) console.log(`  – not run (stopped at the failed tier): ${skipped.join(', ')}`);
console.log(`  total      ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failure !== undefined) process.exit(failure);
