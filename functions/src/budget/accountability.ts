import {
  percentOf,
  PROJECT_STAGE_LABELS,
  projectStage,
  ROUND_PHASE_LABELS,
  type AccountabilityView,
} from '@linli/shared';
import { communities } from '../db/entities/community';
import { budgetResultOf } from '../db/entities/budgetResult';
import { notFound } from '../http/errors';
import { photoUrls } from './projects';
import { projectsOf, resultOf, roundsOf } from './queries';

/**
 * 民生微实事公开台账 — public, no sign-in: every round of the community, every project put to the vote
 * (proposals refused or merged are left out: they were never to be paid for), its state, progress and
 * money planned (the committee's estimate) against money spent (the latest monthly report), with the
 * totals, and the latest report's note and photos (kept on the project, so no report is read here).
 * Nothing here names a resident: no proposer, no voter, no door number.
 */
export async function accountability(req: { communityId: string; now: Date }): Promise<AccountabilityView> {
  const { communityId, now } = req;
  const { Item: community } = await communities.get({ communityId });
  if (!community) throw notFound('社区');
  const rounds = await roundsOf(communityId);
  const views = await Promise.all(
    rounds.map(async (round) => {
      const [projects, result] = await Promise.all([
        projectsOf(communityId, round.roundId),
        resultOf(communityId, round.roundId),
      ]);
      const published = result ? budgetResultOf(result) : undefined;
      const votesOf = new Map(published?.ranked.map((p) => [p.projectId, p.votes]) ?? []);
      const eligible = projects.filter((p) => p.status === 'eligible');
      const latestPhotos = await Promise.all(
        eligible.map((p) =>
          photoUrls(
            (p.progress?.photoKeys ?? []).map((key) => ({ key })),
            now,
          ),
        ),
      );
      const rows = eligible
        .map((p, i) => {
          const selected = result ? result.selected.includes(p.projectId) : undefined;
          const stage = projectStage({ status: p.status, phase: round.phase, selected, finished: !!p.finished });
          return {
            projectId: p.projectId,
            title: p.title,
            place: p.place,
            stage,
            stageLabel: PROJECT_STAGE_LABELS[stage],
            cost: p.cost ?? p.estimatedCost,
            votes: votesOf.get(p.projectId),
            percent: p.progress?.percent ?? 0,
            spent: p.progress?.spent ?? 0,
            responsibleParty: p.implementation?.responsibleParty,
            satisfactionRate: p.ratings
              ? (() => {
                  const total = p.ratings.satisfied + p.ratings.basic + p.ratings.unsatisfied;
                  return total ? percentOf(p.ratings.satisfied + p.ratings.basic, total) : undefined;
                })()
              : undefined,
            answersRequests: p.grievanceIds?.length ?? 0,
            latest: p.progress
              ? { month: p.progress.month, note: p.progress.note ?? '', photos: latestPhotos[i]! }
              : undefined,
            selected,
          };
        })
        // Selected first, then by votes (when counted), then in the order proposed.
        .sort((a, b) => Number(!!b.selected) - Number(!!a.selected) || (b.votes ?? 0) - (a.votes ?? 0));
      const chosen = rows.filter((r) => r.selected);
      return {
        roundId: round.roundId,
        title: round.title,
        phase: round.phase,
        phaseLabel: ROUND_PHASE_LABELS[round.phase],
        scopeText: round.scopeLabel,
        totalAmount: round.totalAmount,
        planned: chosen.reduce((n, r) => n + r.cost, 0),
        spent: chosen.reduce((n, r) => n + r.spent, 0),
        ballots: published?.ballots,
        projects: rows.map(({ selected: _selected, ...row }) => row),
      };
    }),
  );
  return {
    communityName: community.name,
    totals: {
      rounds: views.length,
      budget: views.reduce((n, r) => n + r.totalAmount, 0),
      planned: views.reduce((n, r) => n + r.planned, 0),
      spent: views.reduce((n, r) => n + r.spent, 0),
    },
    rounds: views,
  };
}
