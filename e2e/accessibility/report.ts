import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageAudit } from './audit';

/**
 * The run's accessibility record in one table: pages audited, time spent, and every axe rule and 适老化 measure
 * that found something, by impact and mode. Written to test-results/accessibility/summary.md and printed.
 */
export function summarise(dir: string): string | undefined {
  const file = join(dir, 'audits.jsonl');
  if (!existsSync(file)) return undefined;
  const audits = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as PageAudit);
  const rows = new Map<string, { impact: string; normal: number; large: number; pages: Set<string> }>();
  const add = (rule: string, impact: string, mode: PageAudit['mode'], route: string, n: number) => {
    const row = rows.get(rule) ?? { impact, normal: 0, large: 0, pages: new Set<string>() };
    row[mode] += n;
    row.pages.add(route);
    rows.set(rule, row);
  };
  for (const a of audits) {
    for (const v of a.axe) add(`axe ${v.rule}`, v.impact, a.mode, a.route, v.nodes);
    for (const f of a.ageFriendly) add(`适老化 ${f.rule}`, 'fails', a.mode, a.route, 1);
  }
  const routes = new Set(audits.map((a) => a.route));
  const seconds = audits.reduce((s, a) => s + a.ms, 0) / 1000;
  const lines = [
    `${audits.length / 2} page views audited (${routes.size} routes, for residents and for staff), each in normal and 大字模式, in ${seconds.toFixed(0)} s.`,
    '',
    '| finding | impact | elements (normal) | elements (大字) | routes |',
    '| --- | --- | --- | --- | --- |',
    ...[...rows].map(([rule, r]) => `| ${rule} | ${r.impact} | ${r.normal} | ${r.large} | ${r.pages.size} |`),
  ];
  if (!rows.size) lines.push('| none | | 0 | 0 | |');
  const md = lines.join('\n');
  writeFileSync(join(dir, 'summary.md'), `${md}\n`);
  return md;
}
