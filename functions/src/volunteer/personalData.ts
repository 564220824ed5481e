import { registrations } from '../db/entities/registration';
import { volunteer } from '../db/registries/volunteer';
import { ApiError } from '../http/errors';
import type { PersonalDataSection } from '../identity/personalData';
import { cancelSignUp } from './registrations';
import { leaveTeam } from './teams';

async function signUps(userId: string) {
  const { Items = [] } = await volunteer.query.signUpsOf({ userId }).send();
  return Items;
}
async function teamPlaces(userId: string) {
  const { Items = [] } = await volunteer.query.teamPlacesOf({ userId }).send();
  return Items;
}

/** Tolerates what erasure meets on a retry: a sign-up already cancelled. */
const settle = (work: Promise<unknown>) =>
  work.catch((error) => (error instanceof ApiError ? undefined : Promise.reject(error)));

/**
 * 志愿服务 (the volunteer half of the resident's "volunteering" section; the points half is
 * timebank/personalData.ts, and identity/personalDataSections.ts puts them together): sign-ups with their
 * hours, and team memberships. Erasure withdraws open sign-ups and team places and removes the name
 * from the sign-ups that stay (hours confirmed on them back the ledger).
 */
/** What the export shows of a sign-up and of a team place (keys and index attributes stay behind). */
const SIGN_UP_FIELDS = [
  'communityId',
  'activityId',
  'status',
  'signedUpAt',
  'checkedInAt',
  'checkedOutAt',
  'claimedMinutes',
  'reviewStatus',
  'approvedMinutes',
  'points',
  'reviewReason',
] as const;
const TEAM_FIELDS = ['communityId', 'teamId', 'status', 'role', 'requestedAt'] as const;

const pick = <T, K extends keyof T>(item: T, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, item[k]])) as Pick<T, K>;

export const volunteerSection: PersonalDataSection = {
  name: 'volunteering',
  async export(userId) {
    const [regs, teams] = await Promise.all([signUps(userId), teamPlaces(userId)]);
    return {
      signUps: regs.map((r) => pick(r, SIGN_UP_FIELDS)),
      teams: teams.map((t) => pick(t, TEAM_FIELDS)),
    };
  },
  async erase(userId, now) {
    const principal = { userId, grants: [], memberships: [] };
    for (const r of await signUps(userId)) {
      if (r.status !== 'cancelled' && !r.checkedInAt)
        await settle(cancelSignUp({ principal, communityId: r.communityId, activityId: r.activityId, now }));
      await registrations.update({
        communityId: r.communityId,
        activityId: r.activityId,
        userId,
        nickname: '已注销用户',
      });
    }
    for (const m of await teamPlaces(userId)) await leaveTeam(m.communityId, m.teamId, userId);
  },
};
