import { budgetRoutes, DAY_MS, type RoundPhase } from '@linli/shared';
import { DEMO_COMMUNITY_ID as communityId } from '../../../devstack/seed/personas';
import { JPEG } from './grievanceHelpers';
import { call } from './http';

/** 民生微实事 over HTTP: a round opened by the committee and moved on by its early-end button. */
let seq = 0;
export const budgetRid = () => `bud${Date.now().toString(36)}${++seq}`;

/** Opens a round (一户一票; community-wide unless a scope is given) of `totalAmount` 元 with a week per phase from `now` (the stack's). */
export async function openBudgetRound(
  token: string,
  title: string,
  totalAmount = 100_000,
  now = new Date(),
  scope: { kind: 'community' } | { kind: 'buildings'; buildingIds: string[] } | { kind: 'grids'; gridIds: string[] } = {
    kind: 'community',
  },
): Promise<string> {
  const days = (n: number) => new Date(now.getTime() + n * DAY_MS).toISOString();
  const res = await call(budgetRoutes.openRound, {
    token,
    params: { communityId },
    body: {
      title,
      description: '本年度社区民生微实事，居民点单、居民投票',
      totalAmount,
      scope,
      basis: 'household',
      schedule: {
        proposingUntil: days(7),
        screeningUntil: days(14),
        deliberationUntil: days(21),
        votingUntil: days(28),
      },
      requestId: budgetRid(),
    },
  });
  if (res.status !== 201) throw new Error(`openRound: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.roundId;
}

export async function proposeBudgetProject(
  token: string,
  roundId: string,
  title: string,
  estimatedCost: number,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await call(budgetRoutes.proposeProject, {
    token,
    params: { communityId, roundId },
    body: {
      title,
      description: `${title}：居民点单`,
      place: '小区内',
      estimatedCost,
      requestId: budgetRid(),
      ...extra,
    },
  });
  if (res.status !== 201) throw new Error(`proposeProject: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.projectId;
}

export async function screenBudgetProject(token: string, roundId: string, projectId: string, cost: number) {
  const res = await call(budgetRoutes.screenProject, {
    token,
    params: { communityId, roundId, projectId },
    body: { eligible: true, cost },
  });
  if (res.status !== 200) throw new Error(`screenProject: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The committee ends the current phase early (the reason is on the record). */
export async function advanceBudgetRound(token: string, roundId: string, from: RoundPhase) {
  const res = await call(budgetRoutes.advanceRound, {
    token,
    params: { communityId, roundId },
    body: { from, reason: '测试：提前进入下一阶段' },
  });
  if (res.status !== 200) throw new Error(`advanceRound from ${from}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A round in `phase` (评议, 投票 or 公示) with two eligible projects of `cost` each; for 公示, `voter`
 * chose the first and the committee closed the vote. Answers the ids.
 */
export async function budgetRoundIn(
  committee: string,
  phase: 'deliberation' | 'voting' | 'publicity',
  { cost = 20_000, voter }: { cost?: number; voter?: string } = {},
) {
  const roundId = await openBudgetRound(committee, `测试轮次${budgetRid()}`);
  const projectIds = [
    await proposeBudgetProject(committee, roundId, '楼道扶手', cost),
    await proposeBudgetProject(committee, roundId, '单元门禁维修', cost),
  ];
  await advanceBudgetRound(committee, roundId, 'proposing');
  for (const projectId of projectIds) await screenBudgetProject(committee, roundId, projectId, cost);
  await advanceBudgetRound(committee, roundId, 'screening');
  if (phase === 'deliberation') return { roundId, projectIds };
  await advanceBudgetRound(committee, roundId, 'deliberation');
  if (phase === 'voting') return { roundId, projectIds };
  if (!voter) throw new Error('a round in 公示 needs a voter');
  const cast = await call(budgetRoutes.castBallot, {
    token: voter,
    params: { communityId, roundId },
    body: { projectIds: [projectIds[0]!], requestId: budgetRid() },
  });
  if (cast.status !== 201) throw new Error(`castBallot: ${cast.status} ${JSON.stringify(cast.body)}`);
  await advanceBudgetRound(committee, roundId, 'voting');
  return { roundId, projectIds };
}

/** Uploads a photo through the round's presigned form, as the mini-program does (点单, a monthly report). */
export async function uploadBudgetPhoto(token: string, roundId: string, fileName = 'progress.jpg'): Promise<string> {
  const target = await call(budgetRoutes.createPhotoUpload, {
    token,
    params: { communityId, roundId },
    body: { contentType: 'image/jpeg', size: JPEG.length },
  });
  if (target.status >= 300) throw new Error(`createPhotoUpload: ${target.status} ${JSON.stringify(target.body)}`);
  const form = new FormData();
  for (const [k, v] of Object.entries(target.body.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(JPEG)], { type: 'image/jpeg' }), fileName);
  const res = await fetch(target.body.url, { method: 'POST', body: form });
  if (res.status >= 300) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return target.body.key;
}
