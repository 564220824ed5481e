import { DAY_MS, DEFAULT_GRIEVANCE_SETTINGS, type Principal } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { createUser, principalFor } from '../../test/fixtures';
import { agoraSettings } from '../db/entities/agoraSettings';
import { communities } from '../db/entities/community';
import { timebankSettings } from '../db/entities/timebankSettings';
import { ApiError } from '../http/errors';
import { principalInCommunity } from '../identity/principal';
import { bootstrapState, issueBootstrapCode, redeemBootstrap } from './bootstrap';
import { DEFAULT_POINTS_RULE } from './communityDefaults';
import { inviteStaff, listInvitations, redeemStaffInvitation } from './staffInvitations';
import { createCommunity, createStreet, getStreet } from './streets';

useTestTable();

const now = new Date('2026-12-07T02:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * DAY_MS);

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('onboarding a street without a developer', () => {
  let principal: Principal;

  it('bootstraps the first administrator once; a second run and a second code change nothing', async () => {
    expect(await bootstrapState()).toEqual({ state: 'none' });
    const first = await issueBootstrapCode({ now, storedIn: 'printed' });
    expect(first.outcome).toBe('issued');
    // The second run while the code waits: nothing issued, nothing replaced.
    expect(await issueBootstrapCode({ now, storedIn: 'printed' })).toMatchObject({ outcome: 'pending' });
    const user = await createUser('首位管理员');
    const code = (first as { code: string }).code;
    const wrong = await refusal(redeemBootstrap({ user, code: 'ABCDEFGHJKLMNPQR', realName: '管理员', now }));
    expect(wrong.status).toBe(400);
    await redeemBootstrap({ user, code, realName: '管理员', now });
    ({ principal } = await principalFor(user.userId));
    expect(principal.offices).toEqual([{ role: 'admin' }]);
    const again = await refusal(redeemBootstrap({ user: await createUser('第二人'), code, realName: '某人', now }));
    expect([again.status, again.code]).toEqual([409, 'ALREADY_BOOTSTRAPPED']);
    expect(await issueBootstrapCode({ now, storedIn: 'printed', renew: true })).toMatchObject({ outcome: 'done' });
  });

  it('creates a street and two communities with the default settings; a duplicate name is a 409 naming it', async () => {
    const street = await createStreet({
      principal,
      input: { name: '东街街道', district: '福州市鼓楼区', regionCode: '350102', streetId: 'dongjie' },
      now,
    });
    expect(street).toMatchObject({ streetId: 'dongjie', communityCount: 0 });
    const dupStreet = await refusal(
      createStreet({ principal, input: { name: '东街 街道', district: '鼓楼区', regionCode: '350102' }, now }),
    );
    expect([dupStreet.status, dupStreet.existing?.id]).toEqual([409, 'dongjie']);

    const input = { name: '幸福里社区', address: '东街 1 号', regionCode: '350102' };
    const a = await createCommunity({ principal, streetId: 'dongjie', input, now });
    await createCommunity({ principal, streetId: 'dongjie', input: { ...input, name: '西园社区' }, now });
    const dup = await refusal(createCommunity({ principal, streetId: 'dongjie', input, now }));
    expect([dup.status, dup.code, dup.existing]).toEqual([
      409,
      'DUPLICATE',
      { kind: 'community', id: a.communityId, name: '幸福里社区' },
    ]);
    const otherCounty = await refusal(
      createCommunity({
        principal,
        streetId: 'dongjie',
        input: { ...input, name: '新社区', regionCode: '350103' },
        now,
      }),
    );
    expect([otherCounty.status, otherCounty.fields?.[0]?.field]).toEqual([400, 'body.regionCode']);

    const listed = await getStreet({ streetId: 'dongjie' });
    expect(listed.street.communityCount).toBe(2);
    expect(listed.communities.map((c) => c.name)).toEqual(['幸福里社区', '西园社区']);

    const { Item } = await communities.get({ communityId: a.communityId });
    expect(Item?.settings).toMatchObject({
      grievances: DEFAULT_GRIEVANCE_SETTINGS,
      volunteer: { pointsRule: DEFAULT_POINTS_RULE },
      privacy: { controller: '幸福里社区居民委员会', address: '东街 1 号' },
    });
    expect((await timebankSettings.get({ communityId: a.communityId })).Item).toMatchObject({ expiryEnabled: false });
    expect((await agoraSettings.get({ communityId: a.communityId })).Item).toMatchObject({ supportThreshold: 10 });
  });

  it('appoints a committee member by a one-time code; a used or expired code is refused with the reason', async () => {
    const { communities: list } = await getStreet({ streetId: 'dongjie' });
    const communityId = list[0]!.communityId;
    const invited = await inviteStaff({
      principal,
      streetId: 'dongjie',
      input: { role: 'committee', communityId, invitee: '孙丽' },
      now,
    });
    expect(invited).toMatchObject({ status: 'pending', communityName: '幸福里社区' });
    const member = await createUser('孙主任');
    const accepted = await redeemStaffInvitation({ user: member, code: invited.code, realName: '孙丽', now });
    expect(accepted).toMatchObject({ role: 'committee', communityId });
    const { principal: committee } = await principalFor(member.userId);
    expect(committee.grants).toContainEqual({ role: 'committee', communityId });

    const reused = await refusal(
      redeemStaffInvitation({ user: await createUser(), code: invited.code, realName: '某人', now }),
    );
    expect([reused.status, reused.code]).toEqual([409, 'INVITATION_USED']);

    // Issued a minute later: the list is newest first (codes issued in the same millisecond tie by code).
    const stale = await inviteStaff({
      principal,
      streetId: 'dongjie',
      input: { role: 'committee', communityId },
      now: new Date(now.getTime() + 60_000),
    });
    const expired = await refusal(
      redeemStaffInvitation({ user: await createUser(), code: stale.code, realName: '某人', now: later(8) }),
    );
    expect([expired.status, expired.code]).toEqual([409, 'INVITATION_EXPIRED']);
    expect(expired.message).toContain('已过期');

    const { items } = await listInvitations({ streetId: 'dongjie', now: later(8) });
    expect(items.map((i) => i.status)).toEqual(['expired', 'used']);
  });

  it('gives a street office its street and nothing of another', async () => {
    await createStreet({
      principal,
      input: { name: '南街街道', district: '福州市鼓楼区', regionCode: '350102', streetId: 'nanjie' },
      now,
    });
    const b = await createCommunity({
      principal,
      streetId: 'nanjie',
      input: { name: '南门社区', address: '南街 2 号', regionCode: '350102' },
      now,
    });
    const invited = await inviteStaff({ principal, streetId: 'dongjie', input: { role: 'street' }, now });
    const officer = await createUser('周科长');
    await redeemStaffInvitation({ user: officer, code: invited.code, realName: '周强', now });
    const { principal: office } = await principalFor(officer.userId);
    expect(office.offices).toEqual([{ role: 'street', streetId: 'dongjie' }]);
    const { communities: mine } = await getStreet({ streetId: 'dongjie' });
    expect((await principalInCommunity(office, mine[0]!.communityId)).grants).toContainEqual({
      role: 'street',
      communityId: mine[0]!.communityId,
    });
    expect((await principalInCommunity(office, b.communityId)).grants).toEqual([]);
    const elsewhere = await refusal(
      inviteStaff({ principal, streetId: 'dongjie', input: { role: 'committee', communityId: b.communityId }, now }),
    );
    expect(elsewhere.status).toBe(400);
  });
});
