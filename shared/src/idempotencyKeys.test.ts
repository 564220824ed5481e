import * as z from 'zod/mini';
import { ALL_ROUTES } from './api';
import { answersOf } from './contracts/answers';

const bodyFields = (route: (typeof ALL_ROUTES)[number]): string[] => {
  const schema = z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.keys(schema.properties ?? {});
};

describe('idempotency keys in the contracts', () => {
  it('every body that carries a request id declares it as the route’s idempotency key, and the key is a body field', () => {
    const carriers = ALL_ROUTES.filter((r) => bodyFields(r).some((f) => /requestId$/i.test(f))).map((r) => r.id);
    const declared = ALL_ROUTES.filter((r) => r.idempotencyKey).map((r) => r.id);
    expect(declared.sort()).toEqual(carriers.sort());
    for (const route of ALL_ROUTES.filter((r) => r.idempotencyKey))
      expect([route.id, bodyFields(route)]).toEqual([route.id, expect.arrayContaining([route.idempotencyKey])]);
  });

  it('every keyed route documents 409 IDEMPOTENCY_MISMATCH', () => {
    for (const route of ALL_ROUTES.filter((r) => r.idempotencyKey))
      expect([route.id, answersOf(route).find((a) => a.status === 409)?.codes]).toEqual([
        route.id,
        expect.arrayContaining(['IDEMPOTENCY_MISMATCH']),
      ]);
  });
});
