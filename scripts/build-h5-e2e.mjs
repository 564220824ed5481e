// Builds the H5 app for the browser journeys (mode e2e: production build, demo sign-in on) unless
// the existing build is newer than every source file it comes from.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'miniapp', 'dist', 'h5', 'index.html');
const sources = [
  'miniapp/src',
  'miniapp/config',
  'shared/src',
  'miniapp/.env.e2e',
  'miniapp/package.json',
  'miniapp/babel.config.js',
].map((p) => join(root, p));

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), stat.mtimeMs);
}

if (existsSync(stamp) && statSync(stamp).mtimeMs > Math.max(...sources.map(newest))) {
  console.log('H5 e2e build is up to date.');
} else {
  console.log('Building the H5 app (mode e2e)…');
  const result = spawnSync(join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5', '--mode', 'e2e'], {
    cwd: join(root, 'miniapp'),
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
