// Sizes of the weapp build as WeChat counts them (bytes of every file): the main package is
// everything outside the subpackage roots. Exits non-zero when main exceeds our budget
// (500 KB; WeChat's hard limit is 2 MB) or any subpackage exceeds 2 MB. Measured at 508.7 KB (2026-12-07, after
// the accessibility work, +10.4 KB: SVG line icons as data URIs in common.wxss, 大字模式 on first launch, the
// drawn Toggle; the 待我处理 feed on the home page, +5.5 KB; the 登录设备 entry on 我的, +1.1 KB, its page in the account subpackage; 509.1 KB with 社区公开信息 for signed-out visitors, +0.4 KB: the redirect, the routes, app.json). Issue 19's aim is 500 KB. At 491.1 KB before those:
// taro.js (Taro runtime) 117 KB, app.js 95 KB (react-reconciler 88), common.js 84 KB (route contracts the
// shell and the tab pages call ~32 KB: roster 7, identity 5, notifications 5 + templates 5, the 诉求, 志愿 and
// 议事 tab routes 2 each; components, api, session), base.wxml 59 KB, vendors.js 56 KB (zod/mini 43, React 7),
// pages 55 KB, common.wxss 11 KB. It was 577.6 KB with classic zod (110 KB) and the whole 诉求 and 志愿 route
// groups in main; a tab page imports its group's tabRoutes.ts (agora, grievances, volunteer), not the group.
// The weapp is built for WeChat's engines (config/weappTargets.js), not ES5: see babel.config.js.
// Run after `npm run build:weapp`: node scripts/weapp-size.mjs
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/weapp', import.meta.url));
// 500 KB (issue 19's aim) since 2026-12-07, late: 474.8 KB measured, from 514.2 KB, after three pages that are never
// tabs (绑定房屋, 接受邀请, 我的数据) moved to the account subpackage — taking the unit picker, the subscribe prompt and
// the notification catalogue (events, templates, contracts) with them — and the home tab's two roster and
// notification routes moved to tabRoutes.ts files like the other tabs'. The subpackages grew by 127 KB in total:
// a module several subpackages use is copied into each (optimizeMainPackage), which costs a resident only what the
// pages she opens need. To see what a chunk holds: LINLI_ANALYZE=1 (config/index.ts) names its modules.
const MAIN_BUDGET = 500 * 1024;
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
