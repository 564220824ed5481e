// Installs dependencies when they are missing or stale, so `npm start` and `npm test` work on a
// fresh clone and after a pull that changed a manifest. Uses only Node built-ins (it runs before
// anything is installed). Stale means: a manifest is newer than npm's record of the last install.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const installed = join(root, 'node_modules', '.package-lock.json');
const manifests = [
  'package.json',
  'shared/package.json',
  'functions/package.json',
  'miniapp/package.json',
  'package-lock.json',
]
  .map((f) => join(root, f))
  .filter(existsSync);
const links = ['@linli/shared', '@linli/functions', '@linli/miniapp'].map((p) => join(root, 'node_modules', p));

function reason() {
  if (!existsSync(installed)) return 'dependencies are not installed';
  if (links.some((l) => !existsSync(l))) return 'workspace links are missing';
  // npm writes the lockfile and its own record within moments of each other; allow for that.
  const last = statSync(installed).mtimeMs + 5_000;
  const newer = manifests.find((m) => statSync(m).mtimeMs > last);
  return newer ? `${newer.slice(root.length + 1)} changed since the last install` : undefined;
}

const why = reason();
if (why) {
  console.log(`› Installing dependencies (${why})…`);
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('✖ npm install failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}
