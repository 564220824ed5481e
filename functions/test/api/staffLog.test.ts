import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addHours,
  agoraRoutes,
  ALL_ROUTES,
  buildingIdOf,
  budgetRoutes,
  buildPath,
  contentKeyOf,
  DAY_MS,
  grievanceRoutes,
  identityApi,
  moderationRoutes,
  ownerRegistryRoutes,
  rosterRoutes,
  staffLogRoutes,
  streetsApi,
  rosterTransferRoutes,
  staffLoggedRoutes,
  timebankRoutes,
  unitIdOf,
  volunteerRoutes,
  type GrievanceDetail,
  type RouteContract,
} from '@linli/shared';
import {
  DEMO_COMMUNITY_ID as communityId,
  DEMO_REGION_CODE,
  DEMO_STREET_ID,
  OTHER_COMMUNITY_ID,
  type PersonaKey,
} from '../../../devstack/seed/personas';
import { writeCells } from '../../src/roster/transfer/sheetFiles';
import { advanceBudgetRound, budgetRoundIn, openBudgetRound, proposeBudgetProject, budgetRid } from './budgetHelpers';
import { newRequest, submit } from './grievanceHelpers';
import { call, raw, signIn, type Answer } from './http';
import { expectStaffEntry, expectStreetStaffEntry, userIdOf } from './staffLogHelpers';

/**
 * The staff action log, generated from the contracts: every privileged write (`staffLoggedRoutes`: the routes
 * whose contract declares `staffLog`) is called once as staff would, and its answer must have written an
 * entry naming the caller and the declared object, read back through 操作记录. A route added with a
 * declaration fails the first test until it has a case here (or names the journey that checks it); a
 * role-gated write added without one fails scripts/staffLog.test.ts.
 */
let seq = 0;
const rid = () => `slog${Date.now().toString(36)}${++seq}`;
const inDays = (n: number) => new Date(Date.now() + n * DAY_MS).toISOString();
const building3 = buildingIdOf(communityId, '3栋');

interface Case {
  caller: PersonaKey;
  params: Record<string, string>;
  body?: unknown;
  /** The object the entry names: a path id by default (the declared one), or what the answer names. */
  objectId?: string | ((answer: Answer) => string);
  /** The community whose log keeps the entry, when the path names none (the street office's writes). */
  logOf?: string;
  /** Who reads that log, when the default cannot (see `expectStaffEntry`). */
  reader?: PersonaKey;
  /**
   * The street whose own log keeps it too (a route under `/streets/{streetId}`: that street; creating a street:
   * the new one, from the answer), read by `streetReader` (default: 周科长, the demo street's office).
   */
  streetOf?: string | ((answer: Answer) => string);
  streetReader?: PersonaKey;
  /** Kept only in the street's log: the action concerns no community (creating a street). */
  streetOnly?: boolean;
}

/**
 * Routes whose case is a step of a longer journey: the file (relative to this one) that checks their entry with
 * `expectStaffEntry`. 实施 follows 公示's seven days, which only the e2e tier's clock can pass.
 */
const CHECKED_IN_JOURNEY: Record<string, string> = {
  'agora.resolveConflict': 'agora.test.ts (a paper ballot meets an online one)',
  'agoraArchive.updateArchiveSettings': 'agoraArchive.test.ts (the retention is set to 20 years and back)',
  'notifications.retryFailed': 'notifications.test.ts (the seeded parked notice; re-queued once)',
  'ownerProxies.review': "ownerProxies.test.ts (a proxy needs an owners' poll, an owner and an uploaded 授权委托书)",
  'ownerProxies.recordAssisted': 'ownerProxies.test.ts (a confirmed proxy not on the app, recorded by the committee)',
  'budget.setImplementation': '../../../e2e/budget.e2e.ts (实施 comes after 公示: 7 days of the e2e clock)',
  'budget.reportProgress': '../../../e2e/budget.e2e.ts (实施 comes after 公示: 7 days of the e2e clock)',
  'budget.finishProject': '../../../e2e/budget.e2e.ts (实施 comes after 公示: 7 days of the e2e clock)',
};

async function ok<C extends RouteContract>(
  contract: C,
  who: PersonaKey,
  req: Omit<Parameters<typeof call<C>>[1], 'token'>,
) {
  const answer = await call(contract, { ...req, token: await signIn(who) });
  if (answer.status >= 300) throw new Error(`${contract.id}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const topic = (vote: boolean) =>
  ok(agoraRoutes.createTopic, 'sun', {
    params: { communityId },
    body: {
      title: `操作记录测试议题${rid()}`,
      description: '操作记录',
      requestId: rid(),
      ...(vote ? { vote: voteOf() } : {}),
    },
  }).then((t) => t.topicId);

const voteOf = () => ({
  scope: { kind: 'buildings' as const, buildingIds: [building3] },
  basis: 'household' as const,
  preset: 'residentsMeeting' as const,
  ballot: { kind: 'approve' as const },
  opensAt: new Date().toISOString(),
  closesAt: inDays(2),
});

const item = () =>
  ok(timebankRoutes.createItem, 'sun', {
    params: { communityId },
    body: {
      name: `操作记录礼品${rid()}`,
      description: '一积分',
      kind: 'gift',
      price: 1,
      initialStock: 5,
      requestId: rid(),
    },
  }).then((i) => i.itemId);

/** A 诉求 at 3栋 (第一网格: 刘网格员), moved by 刘 through `steps` first. */
async function grievance(steps: ('accept' | 'commit')[] = []): Promise<GrievanceDetail> {
  let c = await submit(await signIn('wang'), newRequest({ location: { kind: 'building', buildingId: building3 } }));
  const params = { communityId, grievanceId: c.grievanceId };
  for (const s of steps)
    c = await ok(s === 'accept' ? grievanceRoutes.accept : grievanceRoutes.commit, 'liu', {
      params,
      body:
        s === 'accept'
          ? { version: c.version }
          : { version: c.version, text: '明天上午处理', dueBy: addHours(new Date(), 20).toISOString() },
    });
  return c;
}

async function paperPhoto(topicId: string): Promise<string> {
  const presign = await ok(agoraRoutes.createPaperUpload, 'zhang', {
    params: { communityId, topicId },
    body: { contentType: 'image/png', size: 68 },
  });
  const form = new FormData();
  for (const [k, v] of Object.entries(presign.fields)) form.append(k, v);
  form.append('file', new Blob([Buffer.alloc(68, 1)], { type: 'image/png' }), 'ballot.png');
  const put = await fetch(presign.url, { method: 'POST', body: form });
  if (put.status >= 300) throw new Error(`photo upload: ${put.status}`);
  return presign.key;
}

/** A newcomer's pending binding request for a unit of 4栋 (第二网格: 赵网格员). */
async function pendingBinding(): Promise<{ bindingId: string }> {
  const newcomer = await signIn({ openid: `stafflog-${rid()}` });
  const unitId = unitIdOf(communityId, '4栋', '1单元', '101');
  const requested = await call(identityApi.requestBinding, {
    token: newcomer,
    body: { communityId, unitId, relation: 'tenant', realName: '操作记录测试' },
  });
  if (requested.status !== 201) throw new Error(`binding: ${requested.status} ${JSON.stringify(requested.body)}`);
  return { bindingId: requested.body.bindingId };
}

/** A fresh account with no role anywhere (a role given to a demo persona would move the authorization matrix). */
const stranger = async () =>
  (await call(identityApi.getMe, { token: await signIn({ openid: `stafflog-staff-${rid()}` }) })).body.userId;

/** A round in 点单 with two projects proposed by the committee, moved on to 审核筛选. */
async function budgetRoundInScreening() {
  const sun = await signIn('sun');
  const roundId = await openBudgetRound(sun, `操作记录轮次${rid()}`);
  const projectIds = [
    await proposeBudgetProject(sun, roundId, '楼道扶手', 20_000),
    await proposeBudgetProject(sun, roundId, '楼道扶手加装', 20_000),
  ];
  await advanceBudgetRound(sun, roundId, 'proposing');
  return { roundId, projectIds };
}

const CASES: Record<string, () => Promise<Case>> = {
  'moderation.decide': async () => {
    const topicId = await topic(false);
    const comment = await ok(agoraRoutes.addComment, 'liu', {
      params: { communityId, topicId },
      body: { body: `操作记录审核${rid()}`, kind: 'comment', requestId: rid() },
    });
    const target = { kind: 'topicComment' as const, topicId, commentId: comment.commentId };
    await ok(moderationRoutes.report, 'wang', { params: { communityId }, body: { target, reason: 'ad' } });
    return {
      caller: 'sun',
      params: { communityId },
      body: { target, decision: 'restore' },
      objectId: contentKeyOf(target),
    };
  },
  'budget.openRound': async () => {
    const days = (n: number) => inDays(n);
    return {
      caller: 'sun',
      params: { communityId },
      body: {
        title: `操作记录轮次${rid()}`,
        description: '操作记录',
        totalAmount: 100_000,
        scope: { kind: 'community' },
        basis: 'household',
        schedule: {
          proposingUntil: days(7),
          screeningUntil: days(14),
          deliberationUntil: days(21),
          votingUntil: days(28),
        },
        requestId: budgetRid(),
      },
      objectId: (a) => (a.body as { roundId: string }).roundId,
    };
  },
  'budget.advanceRound': async () => {
    const sun = await signIn('sun');
    const roundId = await openBudgetRound(sun, `操作记录轮次${rid()}`);
    await proposeBudgetProject(sun, roundId, '楼道扶手', 20_000);
    return {
      caller: 'sun',
      params: { communityId, roundId },
      body: { from: 'proposing', reason: '操作记录：提前结束点单' },
    };
  },
  'budget.screenProject': async () => {
    const { roundId, projectIds } = await budgetRoundInScreening();
    return {
      caller: 'sun',
      params: { communityId, roundId, projectId: projectIds[0]! },
      body: { eligible: true, cost: 18_000 },
    };
  },
  'budget.mergeProjects': async () => {
    const { roundId, projectIds } = await budgetRoundInScreening();
    return {
      caller: 'sun',
      params: { communityId, roundId, projectId: projectIds[0]! },
      body: { duplicateIds: [projectIds[1]!], reason: '两条提议相同' },
    };
  },
  'budget.linkRequest': async () => {
    const sun = await signIn('sun');
    const roundId = await openBudgetRound(sun, `操作记录轮次${rid()}`);
    const projectId = await proposeBudgetProject(sun, roundId, '路面修补', 20_000);
    const request = await grievance();
    return {
      caller: 'sun',
      params: { communityId, roundId, projectId },
      body: { grievanceId: request.grievanceId },
    };
  },
  'budget.answerObjection': async () => {
    const { roundId, projectIds } = await budgetRoundIn(await signIn('sun'), 'publicity', {
      voter: await signIn('wang'),
    });
    const objection = await ok(budgetRoutes.addObjection, 'li', {
      params: { communityId, roundId },
      body: { body: '能否明年优先？', projectId: projectIds[1]!, requestId: rid() },
    });
    return {
      caller: 'sun',
      params: { communityId, roundId, objectionId: objection.objectionId },
      body: { text: '已记录，下一轮优先审核' },
    };
  },
  'agora.createTopic': async () => ({
    caller: 'sun',
    params: { communityId },
    body: { title: `操作记录议题${rid()}`, description: '征询意见', requestId: rid() },
    objectId: (a) => (a.body as { topicId: string }).topicId,
  }),
  'agora.reviewProposal': async () => {
    await ok(agoraRoutes.updateSettings, 'sun', { params: { communityId }, body: { supportThreshold: 2 } });
    const proposed = await ok(agoraRoutes.proposeTopic, 'li', {
      params: { communityId },
      body: { title: `操作记录提议${rid()}`, description: '楼道加装扶手', requestId: rid() },
    });
    await ok(agoraRoutes.supportTopic, 'wang', { params: { communityId, topicId: proposed.topicId } });
    return { caller: 'sun', params: { communityId, topicId: proposed.topicId }, body: { decision: 'accept' } };
  },
  'agora.scheduleVote': async () => ({
    caller: 'sun',
    params: { communityId, topicId: await topic(false) },
    body: voteOf(),
  }),
  'agora.publishSummary': async () => ({
    caller: 'sun',
    params: { communityId, topicId: await topic(false) },
    body: { text: '居民普遍支持。' },
  }),
  'agora.changeSchedule': async () => ({
    caller: 'sun',
    params: { communityId, topicId: await topic(true) },
    body: { action: 'extend', closesAt: inDays(3), reason: '部分住户外出，延长一天' },
  }),
  'agora.recordPaperBallot': async () => {
    const topicId = await topic(true);
    return {
      caller: 'zhang',
      params: { communityId, topicId },
      body: {
        unitId: unitIdOf(communityId, '3栋', '1单元', '102'),
        choices: ['agree'],
        photoKey: await paperPhoto(topicId),
        requestId: rid(),
      },
    };
  },
  'agora.recount': async () => {
    const topicId = await topic(true);
    await ok(agoraRoutes.changeSchedule, 'sun', {
      params: { communityId, topicId },
      body: { action: 'closeNow', reason: '提前结束' },
    });
    return { caller: 'sun', params: { communityId, topicId } };
  },
  'agora.setCommitment': async () => {
    const topicId = await topic(true);
    await ok(agoraRoutes.changeSchedule, 'sun', {
      params: { communityId, topicId },
      body: { action: 'closeNow', reason: '提前结束' },
    });
    return { caller: 'sun', params: { communityId, topicId }, body: { text: '下月重新征求意见', status: 'planned' } };
  },
  // The value agora.test.ts sets too: the two files share the stack.
  'agora.updateSettings': async () => ({ caller: 'sun', params: { communityId }, body: { supportThreshold: 2 } }),
  'grievances.updateSettings': async () => ({
    caller: 'sun',
    params: { communityId },
    // The settings as they are: a change here would move other suites' deadlines.
    body: await ok(grievanceRoutes.getSettings, 'sun', { params: { communityId } }),
  }),
  'grievances.publishEvaluation': async () => {
    // A month long past that no other run publishes (each month is published once).
    const month = `20${10 + Math.floor(Math.random() * 10)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}`;
    return { caller: 'sun', params: { communityId }, body: { month }, objectId: month };
  },
  'grievances.accept': async () => {
    const c = await grievance();
    return { caller: 'liu', params: { communityId, grievanceId: c.grievanceId }, body: { version: c.version } };
  },
  'grievances.commit': async () => {
    const c = await grievance(['accept']);
    return {
      caller: 'liu',
      params: { communityId, grievanceId: c.grievanceId },
      body: { version: c.version, text: '今天下午处理', dueBy: addHours(new Date(), 20).toISOString() },
    };
  },
  'grievances.resolve': async () => {
    const c = await grievance(['accept', 'commit']);
    return {
      caller: 'liu',
      params: { communityId, grievanceId: c.grievanceId },
      body: { version: c.version, note: '已处理' },
    };
  },
  'grievances.refer': async () => {
    const c = await grievance(['accept']);
    return {
      caller: 'liu',
      params: { communityId, grievanceId: c.grievanceId },
      body: { version: c.version, referredTo: '物业公司', note: '属物业维修范围' },
    };
  },
  'grievances.escalate': async () => {
    const c = await grievance(['accept']);
    return {
      caller: 'liu',
      params: { communityId, grievanceId: c.grievanceId },
      body: { version: c.version, reason: '需居委会协调' },
    };
  },
  'grievances.addNote': async () => ({
    caller: 'liu',
    params: { communityId, grievanceId: (await grievance()).grievanceId },
    body: { clientNoteId: rid(), text: '已电话联系' },
  }),
  'grievances.reviewContent': async () => {
    // The WeChat stand-in asks a person to judge text with 加微信 (suggest=review).
    const held = await submit(
      await signIn('wang'),
      newRequest({
        description: '楼道灯坏了，有事加微信联系我',
        location: { kind: 'building', buildingId: building3 },
      }),
    );
    return {
      caller: 'sun',
      params: { communityId, grievanceId: held.grievanceId },
      body: { target: { kind: 'description' }, decision: 'approve' },
    };
  },
  'notifications.sendBroadcast': async () => ({
    caller: 'sun',
    params: { communityId },
    body: {
      requestId: rid(),
      title: '操作记录测试通知',
      body: '只发给一户',
      scope: { unitIds: [unitIdOf(communityId, '3栋', '1单元', '102')] },
      urgent: false,
    },
    objectId: (a) => (a.body as { broadcastId: string }).broadcastId,
  }),
  'roster.decideBinding': async () => ({
    caller: 'zhao',
    params: { communityId, bindingId: (await pendingBinding()).bindingId },
    body: { decision: 'reject', reason: '请携带租房合同到居委会核实' },
  }),
  'roster.createInvitation': async () => ({
    caller: 'sun',
    params: { communityId, unitId: unitIdOf(communityId, '5栋', '1单元', '101') },
    body: { relation: 'family' },
  }),
  'roster.grantRole': async () => {
    const userId = await stranger();
    return {
      caller: 'sun',
      params: { communityId },
      body: { userId, role: 'buildingHead', buildingId: buildingIdOf(communityId, '5栋') },
      objectId: userId,
    };
  },
  'roster.revokeRole': async () => {
    const userId = await stranger();
    const role = { userId, role: 'buildingHead', buildingId: buildingIdOf(communityId, '6栋') } as const;
    await ok(rosterRoutes.grantRole, 'sun', { params: { communityId }, body: role });
    return { caller: 'sun', params: { communityId }, body: role, objectId: userId };
  },
  'roster.applyImport': async () => {
    // 西园 (its committee is 吴), a building of its own: the demo community's totals are other suites' to check.
    const cid = OTHER_COMMUNITY_ID;
    const header = ['网格', '楼栋', '单元', '房号', '楼层', '建筑面积(㎡)', '业主姓名', '业主电话'];
    const sheet = await writeCells(header, [['第一网格', `操作记录${rid()}栋`, '', '101', 1, 80, '', '']], 'csv');
    const presigned = await ok(rosterTransferRoutes.createImportUpload, 'wu', {
      params: { communityId: cid },
      body: { fileName: 'roster.csv', contentType: 'text/csv', size: sheet.length },
    });
    const form = new FormData();
    for (const [k, v] of Object.entries(presigned.fields)) form.append(k, v);
    form.append('file', new Blob([sheet], { type: 'text/csv' }), 'roster.csv');
    if ((await fetch(presigned.url, { method: 'POST', body: form })).status >= 300) throw new Error('sheet upload');
    const preview = await ok(rosterTransferRoutes.previewImport, 'wu', {
      params: { communityId: cid },
      body: { key: presigned.key, fileName: 'roster.csv' },
    });
    return { caller: 'wu', params: { communityId: cid, jobId: preview.jobId } };
  },
  'owners.applyRegistryImport': async () => {
    // 西园, a building of its own made by a 台账 import, then a registry extract naming its one unit's owner.
    const cid = OTHER_COMMUNITY_ID;
    const building = `${(Date.now() % 1_000_000) + 100}号楼`;
    const upload = async (header: string[], rows: (string | number)[][]) => {
      const sheet = await writeCells(header, rows, 'csv');
      const presigned = await ok(rosterTransferRoutes.createImportUpload, 'wu', {
        params: { communityId: cid },
        body: { fileName: 'sheet.csv', contentType: 'text/csv', size: sheet.length },
      });
      const form = new FormData();
      for (const [k, v] of Object.entries(presigned.fields)) form.append(k, v);
      form.append('file', new Blob([sheet], { type: 'text/csv' }), 'sheet.csv');
      if ((await fetch(presigned.url, { method: 'POST', body: form })).status >= 300) throw new Error('sheet upload');
      return presigned.key;
    };
    const rosterKey = await upload(
      ['网格', '楼栋', '单元', '房号', '楼层', '建筑面积(㎡)', '业主姓名', '业主电话'],
      [['第一网格', building, '', '101', 1, 80, '', '']],
    );
    const roster = await ok(rosterTransferRoutes.previewImport, 'wu', {
      params: { communityId: cid },
      body: { key: rosterKey, fileName: 'roster.csv' },
    });
    await ok(rosterTransferRoutes.applyImport, 'wu', { params: { communityId: cid, jobId: roster.jobId } });
    const extractKey = await upload(
      ['房屋坐落', '面积', '权利人'],
      [[`西园社区${building}101室`, 81.5, `操作记录业主${rid()}`]],
    );
    const preview = await ok(ownerRegistryRoutes.previewRegistryImport, 'wu', {
      params: { communityId: cid },
      body: { key: extractKey, fileName: 'extract.csv' },
    });
    return { caller: 'wu', params: { communityId: cid, jobId: preview.jobId } };
  },
  'timebank.createItem': async () => ({
    caller: 'sun',
    params: { communityId },
    body: {
      name: `操作记录上架${rid()}`,
      description: '上架说明',
      kind: 'gift',
      price: 1,
      initialStock: 3,
      requestId: rid(),
    },
    objectId: (a) => (a.body as { itemId: string }).itemId,
  }),
  'timebank.updateItem': async () => ({
    caller: 'sun',
    params: { communityId, itemId: await item() },
    body: { price: 2 },
  }),
  'timebank.restock': async () => ({
    caller: 'sun',
    params: { communityId, itemId: await item() },
    body: { quantity: 2, note: '爱心企业捐赠', requestId: rid() },
  }),
  'timebank.reverse': async () => {
    const donation = await ok(timebankRoutes.donate, 'li', {
      params: { communityId },
      body: { to: 'fund', amount: 1, note: '操作记录测试', requestId: rid() },
    });
    return { caller: 'sun', params: { communityId, postingId: donation.postingId }, body: { reason: '误操作，退回' } };
  },
  'timebank.updateSettings': async () => ({
    caller: 'sun',
    params: { communityId },
    // As they are: expiry is other suites' to move.
    body: await ok(timebankRoutes.settings, 'sun', { params: { communityId } }),
  }),
  'volunteer.createTeam': async () => {
    const wallet = await ok(timebankRoutes.wallet, 'li', { params: { communityId } });
    return {
      caller: 'sun',
      params: { communityId },
      body: { name: `操作记录队${rid()}`, description: '测试', leaderAccountCode: wallet.accountCode },
      objectId: (a) => (a.body as { teamId: string }).teamId,
    };
  },
  // Kept in the log of the community it made. In a street of its own: a community added to the demo street would
  // change what the street console's and the street-wide notices' tests count there.
  'streets.createCommunity': async () => {
    const street = await ok(streetsApi.createStreet, 'admin', {
      body: { name: `操作记录街道${rid()}`, district: '福州市鼓楼区', regionCode: DEMO_REGION_CODE },
    });
    const made = `slog-${rid()}`;
    return {
      caller: 'admin',
      params: { streetId: street.streetId },
      body: { name: `操作记录社区${rid()}`, address: '东街 1 号', regionCode: DEMO_REGION_CODE, communityId: made },
      logOf: made,
      objectId: made,
      reader: 'admin',
      streetReader: 'admin',
    };
  },
  // The street's own log only: a street concerns no community.
  'platform.createStreet': async () => ({
    caller: 'admin',
    params: {},
    body: { name: `操作记录新街道${rid()}`, district: '福州市鼓楼区', regionCode: DEMO_REGION_CODE },
    objectId: (a) => (a.body as { streetId: string }).streetId,
    streetOf: (a) => (a.body as { streetId: string }).streetId,
    streetReader: 'admin',
    streetOnly: true,
  }),
  'streets.inviteStaff': async () => ({
    caller: 'zhou',
    params: { streetId: DEMO_STREET_ID },
    body: { role: 'committee', communityId, invitee: '操作记录' },
    logOf: communityId,
    objectId: communityId,
  }),
  // A street-wide notice keeps an entry in each addressed community's log, naming its notice there.
  'streets.sendNotice': async () => ({
    caller: 'zhou',
    params: { streetId: DEMO_STREET_ID },
    body: { requestId: rid(), title: '操作记录街道通知', body: '只发西园社区', communityIds: [OTHER_COMMUNITY_ID] },
    logOf: OTHER_COMMUNITY_ID,
    objectId: (a) => (a.body as { noticeId: string }).noticeId,
    reader: 'zhou',
  }),
  // 街道议事 keeps an entry in each chosen community's log, naming its poll there (西园's).
  'streets.openTopic': async () => ({
    caller: 'zhou',
    params: { streetId: DEMO_STREET_ID },
    body: {
      requestId: rid(),
      title: '操作记录街道议事',
      description: '只在南湖社区',
      basis: 'household',
      ballot: { kind: 'approve', options: [] },
      opensAt: new Date().toISOString(),
      closesAt: inDays(2),
      communityIds: [OTHER_COMMUNITY_ID],
    },
    logOf: OTHER_COMMUNITY_ID,
    objectId: (a) => (a.body as { streetTopicId: string }).streetTopicId,
    reader: 'zhou',
  }),
  'volunteer.setTeamLeader': async () => {
    const wallet = await ok(timebankRoutes.wallet, 'li', { params: { communityId } });
    const team = await ok(volunteerRoutes.createTeam, 'sun', {
      params: { communityId },
      body: { name: `操作记录队${rid()}`, description: '测试', leaderAccountCode: wallet.accountCode },
    });
    const at = { communityId, teamId: team.teamId };
    await ok(volunteerRoutes.joinTeam, 'wang', { params: at });
    const wang = await userIdOf('wang');
    await ok(volunteerRoutes.decideTeamMember, 'li', {
      params: { ...at, userId: wang },
      body: { decision: 'approve' },
    });
    return { caller: 'sun', params: at, body: { userId: wang } };
  },
};

const logged = staffLoggedRoutes(ALL_ROUTES);

/** How each route's entry was kept (in its transaction, or after a single write), printed for the record. */
const kept: string[] = [];
afterAll(() => console.log(`staff-log entries kept:\n${kept.sort().join('\n')}`));

it('every privileged write has a case here or names the journey that checks its entry', () => {
  expect(logged.map((r) => r.id).sort()).toEqual([...Object.keys(CASES), ...Object.keys(CHECKED_IN_JOURNEY)].sort());
  for (const [id, where] of Object.entries(CHECKED_IN_JOURNEY)) {
    const file = readFileSync(join(__dirname, where.split(' ')[0]!), 'utf8');
    const route = id.split('.')[1]!;
    expect([id, new RegExp(`expectStaffEntry\\(\\s*[\\w.]*\\b${route}\\b`).test(file)]).toEqual([id, true]);
  }
});

describe.each(logged.filter((r) => CASES[r.id]).map((r) => [r.id, r] as const))('%s', (_, route) => {
  it('writes an entry naming the caller and the object', async () => {
    const c = await CASES[route.id]!();
    const answer = await raw(route.method, buildPath(route.path, c.params), {
      token: await signIn(c.caller),
      body: c.body === undefined ? undefined : JSON.stringify(c.body),
    });
    const declared = route.staffLog.id ?? [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).pop()!;
    const objectId =
      typeof c.objectId === 'function'
        ? answer.status < 300
          ? c.objectId(answer)
          : ''
        : (c.objectId ?? (c.params[declared] as string));
    if (!c.streetOnly)
      await expectStaffEntry(route, answer, {
        caller: c.caller,
        communityId: c.logOf ?? c.params.communityId!,
        objectId,
        reader: c.reader,
      });
    const streetId = typeof c.streetOf === 'function' ? c.streetOf(answer) : (c.streetOf ?? c.params.streetId);
    if (streetId)
      await expectStreetStaffEntry(route, {
        caller: c.caller,
        streetId,
        objectId,
        reader: c.streetReader ?? 'zhou',
      });
    kept.push(`${route.id}: ${answer.headers.get('x-linli-staff-log')}`);
    // Every entry commits with its change (DEVELOPING.md, "Privileged routes"): none is left to a put after it.
    expect([route.id, answer.headers.get('x-linli-staff-log')]).toEqual([route.id, 'transaction']);
  });
});

describe('操作记录: who reads it, and its filters', () => {
  it('lets the committee and the street office read their community, filter by object type, and refuses residents', async () => {
    await ok(timebankRoutes.updateItem, 'sun', { params: { communityId, itemId: await item() }, body: { price: 3 } });
    for (const reader of ['sun', 'zhou'] as const) {
      const log = await call(staffLogRoutes.staffLog, {
        token: await signIn(reader),
        params: { communityId },
        query: { objectType: 'catalogueItem', limit: 5 },
      });
      expect(log.status).toBe(200);
      expect(log.body.items.length).toBeGreaterThan(0);
      expect(log.body.items.every((e) => e.objectType === 'catalogueItem')).toBe(true);
    }
    const priced = (
      await call(staffLogRoutes.staffLog, {
        token: await signIn('sun'),
        params: { communityId },
        query: { actorId: await userIdOf('sun'), objectType: 'catalogueItem', limit: 20 },
      })
    ).body.items.find((e) => e.action === 'timebank.updateItem');
    expect(priced?.changes).toEqual([{ field: 'price', before: '1', after: '3' }]);
    for (const refused of ['wang', 'liu', 'wu'] as const)
      expect(
        (await call(staffLogRoutes.staffLog, { token: await signIn(refused), params: { communityId } })).status,
      ).toBe(403);
  });

  it('pages newest first and keeps to a date range', async () => {
    const sun = await signIn('sun');
    const first = await call(staffLogRoutes.staffLog, { token: sun, params: { communityId }, query: { limit: 2 } });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]!.at >= first.body.items[1]!.at).toBe(true);
    const next = await call(staffLogRoutes.staffLog, {
      token: sun,
      params: { communityId },
      query: { limit: 2, cursor: first.body.nextCursor },
    });
    expect(next.body.items[0]!.at <= first.body.items[1]!.at).toBe(true);
    const none = await call(staffLogRoutes.staffLog, {
      token: sun,
      params: { communityId },
      query: { from: '2001-01-01T00:00:00+08:00', to: '2001-01-02T00:00:00+08:00' },
    });
    expect(none.body.items).toEqual([]);
  });

  it('shows a resident the decision on their binding in their data export', async () => {
    const newcomer = `stafflog-export-${rid()}`;
    const token = await signIn({ openid: newcomer });
    const requested = await call(identityApi.requestBinding, {
      token,
      body: {
        communityId,
        unitId: unitIdOf(communityId, '4栋', '1单元', '102'),
        relation: 'tenant',
        realName: '导出测试',
      },
    });
    await ok(rosterRoutes.decideBinding, 'zhao', {
      params: { communityId, bindingId: requested.body.bindingId },
      body: { decision: 'reject', reason: '请补充材料' },
    });
    const exported = await call(identityApi.exportMyData, { token });
    expect((exported.body.sections as Record<string, unknown>).audit).toEqual([
      expect.objectContaining({
        action: rosterRoutes.decideBinding.summary,
        byRoles: ['gridWorker'],
        objectType: 'binding',
        changes: [
          { field: 'status', before: 'pending', after: 'rejected' },
          { field: 'reason', after: '请补充材料' },
        ],
      }),
    ]);
  });
});
