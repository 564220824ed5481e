import * as z from 'zod/mini';
import { defineRoute, ok, PUBLIC } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { httpApi } from './api';

useTestTable();

/**
 * A body is read only as what it declares: `application/json` in UTF-8. Tested in-process because the
 * local stack's serverless-offline fills an absent or empty Content-Type with `application/json`
 * (API Gateway does not); the api tier's hostile-input test covers the types that reach the Lambda.
 */
const echo = defineRoute({
  id: 'test.echo',
  method: 'POST',
  path: '/echo',
  summary: 'echo',
  access: PUBLIC,
  body: z.strictObject({ text: z.string() }),
  response: ok,
  successStatus: 200,
  rateLimit: 'none',
});
const handler = httpApi({ echo }, { echo: async () => ({ ok: true as const }) });

async function post(headers: Record<string, string>, body: string | undefined = '{"text":"你好"}') {
  const res = await handler({
    rawPath: '/echo',
    rawQueryString: '',
    headers,
    body,
    requestContext: { http: { method: 'POST', sourceIp: '127.0.0.1' }, requestId: 'req-12345678' },
    isBase64Encoded: false,
  } as never);
  return {
    status: res.statusCode,
    body: JSON.parse(res.body as string) as { error?: { code: string; message: string } },
  };
}

it.each([
  ['absent', {}],
  ['empty', { 'content-type': '' }],
  ['text/plain', { 'content-type': 'text/plain' }],
  ['another JSON type', { 'content-type': 'application/vnd.api+json' }],
  ['charset=gbk', { 'content-type': 'application/json; charset=gbk' }],
  ['charset=GB18030', { 'content-type': 'application/json;charset=GB18030' }],
  ['charset="utf-16"', { 'content-type': 'application/json; charset="utf-16"' }],
])('a body whose Content-Type is %s is 415 with a Chinese message', async (_, headers) => {
  const answer = await post(headers);
  expect(answer.status).toBe(415);
  expect(answer.body.error).toMatchObject({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: expect.stringMatching(/[\u4e00-\u9fa5]/),
  });
});

it.each([
  ['application/json', 'application/json'],
  ['charset=utf-8', 'application/json; charset=utf-8'],
  ['upper case and quotes', 'Application/JSON;Charset="UTF-8"'],
])('a body declared as %s is read', async (_, type) => {
  expect(await post({ 'content-type': type })).toEqual({ status: 200, body: { ok: true } });
});

it('a request without a body needs no Content-Type: the body’s own check answers (400)', async () => {
  expect((await post({}, '')).status).toBe(400);
});
