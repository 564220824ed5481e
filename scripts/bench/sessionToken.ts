import { DAY_MS } from '@linli/shared';

/**
 * A live session for a user (what sign-in stores: every request checks it), then an access token naming it.
 * Benchmarks that act as thousands of residents use it instead of thousands of WeChat sign-ins.
 */
export async function sessionToken(userId: string): Promise<string> {
  const { sessions } = await import('../../functions/src/db/entities/session');
  const { signAccessToken } = await import('../../functions/src/http/tokens');
  const expires = new Date(Date.now() + DAY_MS);
  await sessions.put({
    userId,
    sessionId: 'bench',
    secretHash: 'bench',
    expiresAt: expires.toISOString(),
    ttl: Math.floor(expires.getTime() / 1000),
  });
  return (await signAccessToken(userId, 'bench', new Date())).token;
}
