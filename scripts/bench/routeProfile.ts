/**
 * One route under load with the API process CPU-profiled, and nothing else in the profile: where a
 * request's CPU goes, by package and by function (source-mapped through the Lambda bundles).
 *
 * `flock /work/bench.lock npx tsx scripts/bench/routeProfile.ts <list|submit|me> [requests] [dir]`
 * (a benchmark: take the shared lock). Sign-ins and warm-up run before the profile's window; the
 * profile covers the whole process, so the window's share is the bulk of it at 1,000+ requests.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { API, buildingIdOf, identityApi } from '@linli/shared';
import { startStack } from '../../devstack/stack';
import { DEMO_COMMUNITY_ID as C } from '../../devstack/seed/personas';
import { call, signIn } from '../../functions/test/api/http';
import { keepMaps, profilesIn, summariseProfiles, topFunctions } from './profile';
import { rate, ms, runLoad } from './load';

const CLIENTS = 50;

async function main() {
  const route = process.argv[2] ?? 'list';
  const requests = Number(process.argv[3] ?? 1000);
  const dir = process.argv[4] ?? join(process.cwd(), '.bench', 'route-profile', route);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const stack = await startStack({
    ports: 'free',
    h5: 'none',
    lambdaEnv: { RATE_LIMIT_WRITES_PER_MINUTE: '0', RATE_LIMIT_SIGN_IN_PER_MINUTE: '0' },
    wechatCodesPerMinute: 100_000,
    cpuProfileDir: dir,
  });
  process.env.LINLI_TEST_API = stack.urls.api;
  process.env.LINLI_TEST_WECHAT = stack.urls.wechat;
  try {
    stack.worker.pause();
    const residents: string[] = [];
    for (let i = 1; i <= CLIENTS; i++)
      residents.push(await signIn({ openid: `demo-openid-res_${String(i).padStart(3, '0')}` }));
    const buildings = ['1栋', '2栋', '3栋'].map((b) => buildingIdOf(C, b));
    const one = async (i: number) => {
      const token = residents[i % CLIENTS] as string;
      if (route === 'me') return (await call(identityApi.getMe, { token })).status;
      if (route === 'submit')
        return (
          await call(API.grievances.submit, {
            token,
            params: { communityId: C },
            body: {
              clientRequestId: `prof${i}${Date.now().toString(36)}`,
              category: 'sanitation',
              description: `基准测试诉求 ${i}：楼道杂物堆放`,
              location: { kind: 'building', buildingId: buildings[i % buildings.length] as string },
              visibility: i % 4 === 0 ? 'private' : 'public',
              anonymous: i % 8 === 1,
            },
          } as never)
        ).status;
      return (
        await call(API.grievances.listCommunity, { token, params: { communityId: C }, query: { limit: 20 } } as never)
      ).status;
    };
    // Enough public requests for a full page, and a warm instance.
    if (route === 'list')
      await runLoad(60, 10, (i) =>
        (async () => {
          const status = await call(API.grievances.submit, {
            token: residents[i % CLIENTS] as string,
            params: { communityId: C },
            body: {
              clientRequestId: `seed${i}${Date.now().toString(36)}`,
              category: 'sanitation',
              description: `基准测试诉求 ${i}：楼道杂物堆放`,
              location: { kind: 'building', buildingId: buildings[i % buildings.length] as string },
              visibility: 'public',
            },
          } as never);
          return status.status;
        })(),
      );
    await runLoad(100, 10, one);
    const result = await runLoad(requests, CLIENTS, one);
    console.log(
      `${route}: ${requests} requests, ${rate(result.perSecond)}, p50 ${ms(result.p50)}, statuses ${JSON.stringify(result.statuses)}`,
    );
  } finally {
    keepMaps(dir);
    await stack.stop();
  }
  const files = profilesIn([join(dir, 'api')]);
  console.log(['| package | CPU | share |', '| --- | --- | --- |', ...summariseProfiles(files, 16)].join('\n'));
  console.log(topFunctions(files, 40).join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
