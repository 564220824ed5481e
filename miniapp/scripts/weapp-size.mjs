// Sizes of the weapp build as WeChat counts them (bytes of every file): the main package is
// everything outside the subpackage roots. Exits non-zero when main exceeds our budget
// (600 KB; WeChat's hard limit is 2 MB) or any subpackage exceeds 2 MB. With all four features the main
// package measured 578.5 KB: vendors.js 120 KB (zod 110, React 7), taro.js (Taro runtime) 118 KB,
// common.js 105 KB (route contracts the tab pages and the shell call ~41 KB: grievances 13, volunteer 10,
// roster 6, notifications 5, identity 5, agora tab 2; other shared code ~15 KB; components, api, session),
// app.js 95 KB (react-reconciler 88), base.wxml 59 KB, pages 55 KB, common.wxss 11 KB.
// The weapp is built for WeChat's engines (config/weappTargets.js), not ES5: see babel.config.js.
// Run after `npm run build:weapp`: node scripts/weapp-size.mjs
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/weapp', import.meta.url));
const MAIN_BUDGET = 600 * 1024;
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
