import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API, type RouteContract } from '@linli/shared';

/**
 * serverless.yml routes each API route to one Lambda: API Gateway (and serverless-offline) pick the most
 * specific matching route, so a Lambda's own routes (agoraVoting's, budgetDelivery's…) win over another's
 * `{proxy+}`. A route that lands on a Lambda whose route group does not have it answers 404 in production:
 * this checks, for every route of every group in shared/src/api.ts, that the Lambda API Gateway would pick
 * is the one serving that group.
 */
const yml = readFileSync(join(__dirname, '..', '..', '..', 'serverless.yml'), 'utf8');

type GatewayRoute = { fn: string; method: string; segments: string[] };
const routes: GatewayRoute[] = [];
let fn: string | undefined;
for (const line of yml.slice(yml.indexOf('\nfunctions:')).split('\n').slice(2)) {
  if (/^\S/.test(line)) break;
  const name = /^ {2}(\w+):\s*$/.exec(line)?.[1];
  if (name) fn = name;
  const event = /^ {6}- httpApi: '(\w+) (\S+)'/.exec(line);
  if (event && fn) routes.push({ fn, method: event[1]!, segments: event[2]!.split('/').slice(1) });
}

/** API Gateway's choice for a request: a full match before a greedy one, literal segments first, then a method over ANY. */
function gatewayPick(method: string, path: string): GatewayRoute | undefined {
  const parts = path.split('/').slice(1);
  const ranked = routes
    .filter((r) => r.method === method || r.method === 'ANY')
    .map((r) => {
      const greedy = r.segments.at(-1)?.endsWith('+}') ?? false;
      const fixed = greedy ? r.segments.slice(0, -1) : r.segments;
      if (greedy ? parts.length <= fixed.length : parts.length !== fixed.length) return undefined;
      let literals = 0;
      for (const [i, s] of fixed.entries()) {
        if (s.startsWith('{')) continue;
        if (s !== parts[i]) return undefined;
        literals++;
      }
      return { r, key: [greedy ? 0 : 1, literals, r.method === 'ANY' ? 0 : 1] };
    })
    .filter((x): x is { r: GatewayRoute; key: number[] } => !!x)
    .sort((a, b) => b.key[0]! - a.key[0]! || b.key[1]! - a.key[1]! || b.key[2]! - a.key[2]!);
  return ranked[0]?.r;
}

describe('API Gateway routes', () => {
  it('reads the routes of serverless.yml', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => r.fn === 'agoraVoting').length).toBeGreaterThan(0);
  });

  const cases = (Object.entries(API) as [keyof typeof API, Record<string, RouteContract>][]).flatMap(([group, rs]) =>
    Object.values(rs).map((r) => [group, r.method, r.path] as const),
  );
  it.each(cases)('%s serves %s %s', (group, method, path) => {
    const concrete = path.replace(/\{[^}]+\}/g, 'x1');
    // Each group of shared/src/api.ts is the function of that name in serverless.yml.
    expect(gatewayPick(method, concrete)?.fn).toBe(group);
  });
});
