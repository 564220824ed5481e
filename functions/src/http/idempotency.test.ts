import * as z from 'zod/mini';
import { ALL_ROUTES, answersOf } from '@linli/shared';
import { assertSameRequest, requestFingerprint } from './idempotency';

const base = {
  route: 'timebank.donate',
  caller: 'u1',
  params: { communityId: 'c1' },
  body: { to: 'fund', amount: 1, requestId: 'r-0001' },
};

describe('requestFingerprint', () => {
  it('is the same for the same request however its keys are ordered or absent fields spelled', () => {
    expect(requestFingerprint(base)).toBe(
      requestFingerprint({
        ...base,
        params: { communityId: 'c1' },
        body: { requestId: 'r-0001', note: undefined, amount: 1, to: 'fund' },
      }),
    );
    expect(requestFingerprint(base)).toMatch(/^[\w-]{43}$/);
  });

  it('changes with the route, the caller, a path id or any body field', () => {
    const variants = [
      { ...base, route: 'timebank.redeem' },
      { ...base, caller: 'u2' },
      { ...base, params: { communityId: 'c2' } },
      { ...base, body: { ...base.body, amount: 7 } },
      { ...base, body: { ...base.body, note: '' } },
      { ...base, body: { ...base.body, nested: { a: [1, 2] } } },
      { ...base, body: { ...base.body, nested: { a: [2, 1] } } },
    ];
    const prints = new Set([base, ...variants].map(requestFingerprint));
    expect(prints.size).toBe(variants.length + 1);
  });
});

describe('assertSameRequest', () => {
  it('answers the same request, refuses another with 409 IDEMPOTENCY_MISMATCH in Chinese, and lets a key stored before fingerprints pass', () => {
    const print = requestFingerprint(base);
    expect(() => assertSameRequest(print, print)).not.toThrow();
    expect(() => assertSameRequest(undefined, print)).not.toThrow();
    expect(() => assertSameRequest(requestFingerprint({ ...base, caller: 'u2' }), print)).toThrow(
      expect.objectContaining({
        status: 409,
        code: 'IDEMPOTENCY_MISMATCH',
        message: expect.stringMatching(/请求编号/),
      }),
    );
  });
});

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
