/**
 * `npm start`: the whole local stack with the demo community, until Ctrl-C (or SIGINT/SIGTERM to npm's
 * PID: the script execs this process, so the signal arrives here). Data persists in .data/local
 * (git-ignored); a second start reuses it. `--no-h5` skips the H5 app; `--free-ports --in-memory` runs a
 * throwaway stack beside another (the interrupt test does).
 */
import { join } from 'node:path';
import { checkJava } from './java';
import { personas } from './seed/personas';
import { DEV_PORTS, ROOT, startStack } from './stack';

async function main() {
  const java = checkJava();
  if (!java.ok) {
    console.error(`\n✖ ${java.message}\n`);
    process.exit(1);
  }
  const h5 = process.argv.includes('--no-h5') ? 'none' : 'watch';
  console.log('邻里 Linli — starting the local stack…\n');
  const stack = await startStack({
    ports: process.argv.includes('--free-ports') ? 'free' : DEV_PORTS,
    dataDir: process.argv.includes('--in-memory') ? undefined : join(ROOT, '.data', 'local'),
    h5,
    watch: true,
    log: (l) => console.log(`  ✓ ${l}`),
    // `--seed street`: the street-scale seed after the demo (devstack/seed/street.ts).
    seed: seedArgument(),
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping every service…`);
    await stack.stop();
    console.log('Stopped. Data kept in .data/local (delete it for a fresh demo community).');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Ctrl-C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  console.log(`
  ┌──────────────────────────────────────────────────────────────────────
  │ H5 app (mini-program in the browser) ${stack.urls.h5 ?? '(skipped: --no-h5)'}
  │ API                                   ${stack.urls.api}
  │ WeChat stand-in (sent messages)       ${stack.urls.wechat}
  │ Local S3                              ${stack.urls.s3}
  │ DynamoDB Local                        ${stack.urls.dynamo}
  │ Clock control                         ${stack.urls.control}/clock   (POST {"advanceHours": 25, "runSchedules": true})
  └──────────────────────────────────────────────────────────────────────

  Demo accounts (pick one on the H5 sign-in page):
${demoAccounts()}

  Weapp: npm run build:weapp, then open miniapp/ in WeChat DevTools (see README).
  Ctrl-C stops everything.
`);
}

function seedArgument(): 'demo' | 'street' | undefined {
  const i = process.argv.indexOf('--seed');
  if (i < 0) return undefined;
  const kind = process.argv[i + 1];
  if (kind !== 'demo' && kind !== 'street') throw new Error(`--seed takes demo or street, not ${kind ?? 'nothing'}`);
  return kind;
}

/**
 * Columns a terminal gives a string: CJK ideographs and full-width forms take two (String#padEnd counts
 * them as one, which is why the Chinese labels did not line up).
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000;
    width += wide ? 2 : 1;
  }
  return width;
}

function demoAccounts(): string {
  const column = Math.max(...personas.map((p) => displayWidth(p.label))) + 2;
  return personas.map((p) => `    • ${p.label}${' '.repeat(column - displayWidth(p.label))}${p.roles}`).join('\n');
}

main().catch((error) => {
  console.error(`\n✖ The local stack did not start: ${(error as Error).message}`);
  process.exit(1);
});
