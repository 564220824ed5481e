import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { patternTitle } from './registry';
import { REGISTRIES } from './registries';

/**
 * docs/DATA.md and the code name the same access patterns: every pattern of every registry has a row
 * (its title) that lists it by code name, every code name in the document exists, and every row that
 * queries says through which pattern.
 */

interface Row {
  id: string;
  operation: string;
  code: string[];
}

function accessPatternRows(): Row[] {
  const doc = readFileSync(join(__dirname, '../../../docs/DATA.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Access patterns'));
  return section
    .split('\n')
    .filter((line) => /^\| [^-#]/.test(line) && !line.startsWith('| # |'))
    .map((line) => {
      // Cells are split on unescaped pipes (`\|` appears inside operations).
      const cells = line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim());
      return {
        id: cells[0] as string,
        operation: cells[2] ?? '',
        code: [...(cells[3] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string),
      };
    });
}

const inCode = REGISTRIES.flatMap((registry) =>
  Object.entries(registry.accessPatterns).map(([name, pattern]) => ({
    code: `${registry.name}.${name}`,
    pattern: pattern as object,
    title: patternTitle(pattern as object),
  })),
);
const rows = accessPatternRows();
const rowOf = new Map(rows.map((r) => [r.id, r]));

describe('access patterns: docs/DATA.md ↔ code', () => {
  it('reads the table and every registry', () => {
    expect(rows.length).toBeGreaterThan(60);
    expect(inCode.length).toBeGreaterThan(50);
    expect(new Set(REGISTRIES.map((r) => r.name)).size).toBe(REGISTRIES.length);
  });

  it('gives every row its own id', () => {
    const ids = rows.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('titles every pattern with a row that lists it by its code name', () => {
    const problems = inCode.flatMap(({ code, title }) => {
      if (!title) return [`${code} has no .meta({ title })`];
      const row = rowOf.get(title.replace(/^#/, ''));
      if (!row) return [`${code} is titled ${title}, which DATA.md has no row for`];
      return row.code.includes(code) ? [] : [`${code} is not in the Code column of row ${row.id}`];
    });
    expect(problems).toEqual([]);
  });

  it('names only patterns that exist', () => {
    const known = new Set(inCode.map((p) => p.code));
    const unknown = rows.flatMap((r) => r.code.filter((c) => !known.has(c)).map((c) => `${r.id}: ${c}`));
    expect(unknown).toEqual([]);
  });

  it('says which pattern every querying row uses', () => {
    const silent = rows.filter((r) => /\bQuery\b/.test(r.operation) && r.code.length === 0).map((r) => r.id);
    expect(silent).toEqual([]);
  });

  it('registers each pattern in one registry only', () => {
    const seen = new Map<object, string>();
    const twice = inCode.flatMap(({ code, pattern }) => {
      const before = seen.get(pattern);
      seen.set(pattern, code);
      return before ? [`${before} and ${code}`] : [];
    });
    expect(twice).toEqual([]);
  });
});
