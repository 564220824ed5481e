import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_ROUTES, answersOf, type RouteContract } from '@linli/shared';
import { buildOpenApiDocument, DOCUMENT_PATH, renderDocument } from './openapi';

type Operation = {
  operationId: string;
  security?: unknown[];
  responses: Record<string, unknown>;
  'x-linli-access': { kind: string; roles?: string[] };
  'x-linli-rate-limit': { class: string };
  requestBody?: unknown;
};

const doc = buildOpenApiDocument();
const operations = new Map<string, Operation>();
for (const item of Object.values(doc.paths as Record<string, Record<string, Operation>>))
  for (const op of Object.values(item)) operations.set(op.operationId, op);

it('docs/openapi.json is what `npm run openapi` writes from the contracts', () => {
  const stale = 'docs/openapi.json is stale: run `npm run openapi` and commit it';
  expect({ stale, same: readFileSync(DOCUMENT_PATH, 'utf8') === renderDocument(doc) }).toEqual({ stale, same: true });
});

// openapi-typescript loads ESM-only modules jest cannot require: its check runs as the CLI does.
it('the api tier’s client types are what openapi-typescript makes of the document', () => {
  const root = join(__dirname, '..');
  const run = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/openapi.ts', '--check'], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}, 120_000);

describe.each(ALL_ROUTES.map((r) => [r.id, r] as const))('%s', (_, route: RouteContract) => {
  const op = operations.get(route.id)!;

  it('lists exactly the statuses its contract answers', () => {
    expect(Object.keys(op.responses).map(Number)).toEqual(answersOf(route).map((a) => a.status));
  });

  it('says who may call it, what it spends, and needs the bearer token unless public', () => {
    expect(op['x-linli-access'].kind).toBe(route.access.kind);
    if (route.access.kind === 'roles') expect(op['x-linli-access'].roles).toEqual([...route.access.roles]);
    expect(op['x-linli-rate-limit'].class).toBe(route.rateLimit);
    if (route.access.kind === 'public') expect(op.security).toEqual([{}]);
    else {
      expect(op.security).toBeUndefined(); // the document's default: the bearer access token
      expect(op.responses['401']).toEqual({ $ref: '#/components/responses/Unauthenticated' });
    }
    if (route.access.kind === 'roles') expect(op.responses['403']).toBeDefined();
  });
});

it('documents the conflict codes a route declares, and only on 409', () => {
  const castBallot = operations.get('agora.castBallot')!;
  const conflict = JSON.stringify(castBallot.responses['409']);
  for (const code of ['POLL_NOT_OPEN', 'ALREADY_VOTED', 'VOTE_CONFLICT']) expect(conflict).toContain(code);
  expect(operations.get('identity.getMe')!.responses['409']).toBeUndefined();
});
