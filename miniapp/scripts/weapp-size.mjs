// Sizes of the weapp build as WeChat counts them (bytes of every file): the main package is
// everything outside the subpackage roots. Exits non-zero when main exceeds our budget
// (700 KB; WeChat's hard limit is 2 MB) or any subpackage exceeds 2 MB. With all four features the main
// package measured 630.6 KB: Taro runtime 133 KB, react-reconciler 99 KB, vendors (React, zod) 122 KB,
// base.wxml 61 KB, route contracts of the four tab pages ~80 KB, pages and shared components the rest.
// Run after `npm run build:weapp`: node scripts/weapp-size.mjs
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/weapp', import.meta.url));
const MAIN_BUDGET = 700 * 1024;
const PACKAGE_LIMIT = 2 * 1024 * 1024;

const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));

const sizes = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) };
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) walk(path);
    else {
      const rel = relative(dist, path).split('\\').join('/');
      const root = roots.find((r) => rel.startsWith(`${r}/`));
      sizes[root ?? 'main'] += stat.size;
    }
  }
})(dist);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let ok = true;
for (const [name, size] of Object.entries(sizes)) {
  const limit = name === 'main' ? MAIN_BUDGET : PACKAGE_LIMIT;
  const over = size > limit;
  ok &&= !over;
  console.log(`${name.padEnd(16)} ${kb(size).padStart(10)}  (limit ${kb(limit)})${over ? '  OVER' : ''}`);
}
console.log(`${'total'.padEnd(16)} ${kb(Object.values(sizes).reduce((a, b) => a + b, 0)).padStart(10)}`);
process.exit(ok ? 0 : 1);
