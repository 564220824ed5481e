import { $add, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { chinaMonth, scopeAudience, type Principal, type Rating } from '@linli/shared';
import { budgetProgressReports } from '../db/entities/budgetProgress';
import { budgetProjects } from '../db/entities/budgetProject';
import { budgetRatings } from '../db/entities/budgetRating';
import { budgetRounds, roundScopeOf } from '../db/entities/budgetRound';
import type { UserItem } from '../db/entities/user';
import { badRequest, conflict, forbidden } from '../http/errors';
import { notificationIntent } from '../notifications/outbox';
import { acceptanceWrites, type Mover } from './phaseMoves';
import { acceptPhotos, mustBeSelected } from './projects';
import { loadProject, loadRound } from './queries';
import { homesInScope } from './seats';
import { projectLink } from './views';
import { failedWrites, transact } from '../db/transactions';

const phaseIs = (...phases: string[]) => ({ or: phases.map((phase) => ({ attr: 'phase', eq: phase })) }) as never;

/**
 * 一诺: the committee names who carries a selected project out, what it promises and by when — from
 * the publication of the result on, until the project is finished. The round's phase is checked in
 * the same transaction; the selection is the published result's (immutable, so reading it is safe).
 */
export async function setImplementation(req: {
  by: Mover;
  communityId: string;
  roundId: string;
  projectId: string;
  input: { responsibleParty: string; commitment: string; dueDate: string };
  now: Date;
}) {
  const { by, communityId, roundId, projectId, input, now } = req;
  const project = await loadProject(communityId, roundId, projectId, true);
  await mustBeSelected(communityId, roundId, project);
  const dueDate = new Date(input.dueDate).toISOString();
  if (dueDate <= now.toISOString())
    throw badRequest('计划完成时间须晚于现在', [{ field: 'body.dueDate', message: '计划完成时间须晚于现在' }]);
  try {
    await transact({
      project: budgetProjects.transactUpdate(
        {
          communityId,
          roundId,
          projectId,
          implementation: $set({ ...input, dueDate, by: by.userId, at: now.toISOString() }),
        },
        { condition: { attr: 'finished', exists: false } },
      ),
      round: budgetRounds.transactCheck({ communityId, roundId }, phaseIs('publicity', 'implementation')),
    });
  } catch (error) {
    const failed = failedWrites(error);
    if (failed?.has('round')) throw conflict('结果公示后、完工前才能确定责任单位', 'ILLEGAL_TRANSITION');
    if (failed?.has('project')) throw conflict('项目已完工', 'ILLEGAL_TRANSITION');
    throw error;
  }
}

/**
 * 每月进度: % done and money spent so far (both cumulative), a note and photos, while the round is in
 * 实施 and the project unfinished. One report per China month: a second in the same month replaces the
 * first (a correction). The report and the project's latest figures are one transaction.
 */
export async function reportProgress(req: {
  by: Mover;
  communityId: string;
  roundId: string;
  projectId: string;
  input: { percent: number; spent: number; note: string; photoKeys: string[] };
  now: Date;
}) {
  const { by, communityId, roundId, projectId, input, now } = req;
  const project = await loadProject(communityId, roundId, projectId, true);
  await mustBeSelected(communityId, roundId, project);
  if (!project.implementation) throw conflict('请先确定责任单位和承诺', 'ILLEGAL_TRANSITION');
  const photos = await acceptPhotos(input.photoKeys, { communityId, roundId, userId: by.userId, now });
  const month = chinaMonth(now);
  const at = now.toISOString();
  try {
    await transact({
      report: budgetProgressReports.transactPut({
        communityId,
        roundId,
        projectId,
        month,
        percent: input.percent,
        spent: input.spent,
        note: input.note,
        photoKeys: photos.map((p) => p.key),
        by: by.userId,
        byName: by.name,
        at,
      }),
      project: budgetProjects.transactUpdate(
        {
          communityId,
          roundId,
          projectId,
          progress: $set({
            percent: input.percent,
            spent: input.spent,
            month,
            at,
            note: input.note,
            photoKeys: photos.map((p) => p.key),
          }),
        },
        {
          condition: {
            and: [
              { attr: 'implementation', exists: true },
              { attr: 'finished', exists: false },
            ],
          },
        },
      ),
      round: budgetRounds.transactCheck({ communityId, roundId }, phaseIs('implementation')),
    });
  } catch (error) {
    const failed = failedWrites(error);
    if (failed?.has('round')) throw conflict('公示期结束、进入实施后才能填报进度', 'ILLEGAL_TRANSITION');
    if (failed?.has('project')) throw conflict('项目已完工', 'ILLEGAL_TRANSITION');
    throw error;
  }
}

/**
 * 完工: a selected project at 100 % is finished and opened to residents' ratings. The round counts it
 * off in the same transaction; the one that finishes the last project moves the round to 验收
 * (condition: it was the last), the others leave it in 实施 (condition: more are left). A concurrent
 * finish can move the round from one case to the other between tries, so go round again.
 */
export async function finishProject(req: {
  by: Mover;
  communityId: string;
  roundId: string;
  projectId: string;
  note: string;
  now: Date;
}) {
  const { by, communityId, roundId, projectId, note, now } = req;
  const project = await loadProject(communityId, roundId, projectId, true);
  await mustBeSelected(communityId, roundId, project);
  if (project.finished) throw conflict('项目已完工', 'ILLEGAL_TRANSITION');
  if (project.progress?.percent !== 100) throw conflict('进度达到 100% 后才能完工', 'ILLEGAL_TRANSITION');
  const at = now.toISOString();
  const finish = budgetProjects.transactUpdate(
    {
      communityId,
      roundId,
      projectId,
      finished: $set({ at, note, by: by.userId }),
      ratings: $set({ satisfied: 0, basic: 0, unsatisfied: 0 }),
    },
    {
      condition: {
        and: [
          { attr: 'finished', exists: false },
          { attr: 'progress.percent', eq: 100 },
        ],
      },
    },
  );
  for (let attempt = 0; attempt < 3; attempt++) {
    const round = await loadRound(communityId, roundId, true);
    if (round.phase !== 'implementation') throw conflict('本轮不在实施阶段', 'ILLEGAL_TRANSITION');
    const notice = notificationIntent(
      {
        communityId,
        event: 'budget.projectFinished',
        dedupeKey: `${roundId}:${projectId}:finished`,
        audience: scopeAudience(roundScopeOf(round)),
        title: `民生微实事项目完工：${project.title}`,
        body: `「${project.title}」已完工，请为项目验收评价`,
        link: projectLink(communityId, roundId, projectId),
        data: { title: round.title, project: project.title },
      },
      now,
    );
    const last = (round.unfinished ?? 0) <= 1;
    try {
      await transact(
        last
          ? { project: finish, finishedNotice: notice, ...acceptanceWrites(round, by, now) }
          : {
              project: finish,
              finishedNotice: notice,
              round: budgetRounds.transactUpdate(
                { communityId, roundId, unfinished: $add(-1) },
                {
                  condition: {
                    and: [
                      { attr: 'phase', eq: 'implementation' },
                      { attr: 'unfinished', gt: 1 },
                    ],
                  },
                },
              ),
            },
      );
      return;
    } catch (error) {
      const failed = failedWrites(error);
      if (failed?.has('project')) throw conflict('项目已完工或进度未达 100%', 'ILLEGAL_TRANSITION');
      if (!failed?.has('round')) throw error;
    }
  }
  throw conflict('有其他项目同时完工，请刷新后重试');
}

/**
 * 验收评价: a resident of the round's scope rates a finished project once (满意 / 基本满意 / 不满意 with a
 * reason, as for a 诉求); the rating item's condition makes it once, and the project's counts move in
 * the same transaction, on the condition that it is finished.
 */
export async function rateProject(req: {
  user: UserItem;
  principal: Principal;
  communityId: string;
  roundId: string;
  projectId: string;
  input: { rating: Rating; comment?: string };
  now: Date;
}) {
  const { user, principal, communityId, roundId, projectId, input, now } = req;
  const round = await loadRound(communityId, roundId);
  if (!homesInScope(principal, round).length) throw forbidden('您不在本轮的范围内，不能验收评价');
  await loadProject(communityId, roundId, projectId);
  try {
    await transact({
      rating: budgetRatings.transactPut(
        {
          communityId,
          roundId,
          projectId,
          userId: user.userId,
          rating: input.rating,
          comment: input.comment,
          at: now.toISOString(),
        },
        { condition: { attr: 'userId', exists: false } },
      ),
      project: budgetProjects.transactUpdate(
        { communityId, roundId, projectId, ratings: { [input.rating]: $add(1) } as never },
        { condition: { attr: 'finished', exists: true } },
      ),
    });
  } catch (error) {
    const failed = failedWrites(error);
    if (failed?.has('rating')) throw conflict('您已经评价过了');
    if (failed?.has('project')) throw conflict('项目完工后才能验收评价', 'ILLEGAL_TRANSITION');
    throw error;
  }
}
