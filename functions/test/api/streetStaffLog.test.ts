import { streetConsoleRoutes, timebankRoutes, type StreetStaffLogEntryView } from '@linli/shared';
import { DEMO_COMMUNITY_ID, DEMO_STREET_ID } from '../../../devstack/seed/personas';
import { call, signIn, step } from './http';
import { appointByCode, createCommunity, createStreet } from './ownStreet';

/**
 * 街道操作记录 over HTTP, in a street of its own (so nothing another test file does there is counted): the
 * administrator creates the street and two communities and appoints its office by a staff code; the office
 * invites a committee member, who changes a setting. The street's log shows the street-level actions and the
 * communities' entries, each once, newest first, in pages that join without a gap or a repeat; it filters by
 * community and object type; nobody outside the street's office reads it.
 */
const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

const errorOf = (a: { body: unknown }) => (a.body as { error: { code: string; fields?: { field: string }[] } }).error;

const street = step(async () => {
  const admin = await signIn('admin');
  const streetId = await createStreet(admin, `操作记录街道${suffix}`);
  const north = await createCommunity(admin, streetId, `北社区${suffix}`, '南街 1 号');
  const south = await createCommunity(admin, streetId, `南社区${suffix}`, '南街 1 号');
  const office = await appointByCode(
    admin,
    streetId,
    { role: 'street' },
    { openid: `street-log-office-${suffix}`, realName: '南街科员' },
  );
  const committee = await appointByCode(
    office,
    streetId,
    { role: 'committee', communityId: north.communityId, invitee: '北社区主任' },
    { openid: `street-log-committee-${suffix}`, realName: '北社区主任' },
  );

  const at = { communityId: north.communityId };
  const settings = await call(timebankRoutes.settings, { token: committee, params: at });
  expect(settings.status).toBe(200);
  const changed = await call(timebankRoutes.updateSettings, {
    token: committee,
    params: at,
    body: { ...settings.body, expiry: { enabled: true, months: 12 } },
  });
  expect(changed.status).toBe(200);
  return { streetId, north, south, office, committee };
});

const read = async (token: string, streetId: string, query: Record<string, unknown> = {}) =>
  call(streetConsoleRoutes.streetStaffLog, { token, params: { streetId }, query });

describe('街道操作记录', () => {
  it("shows the street's own actions and its communities' entries, each once, naming the community", async () => {
    const { streetId, north, south, office } = await street();
    const log = await read(office, streetId, { limit: 100 });
    expect(log.status).toBe(200);
    const items = log.body.items;
    expect(new Set(items.map((e) => e.entryId)).size).toBe(items.length);
    const of = (action: string) => items.filter((e) => e.action === action);
    expect(of('platform.createStreet')).toEqual([
      expect.objectContaining({ objectType: 'street', objectId: streetId, streetLevel: true }),
    ]);
    expect(of('platform.createStreet')[0]!.communityId).toBeUndefined();
    // Kept in both logs (the street's and the new community's), shown once, from the street's.
    expect(
      of('streets.createCommunity')
        .map((e) => [e.objectId, e.communityName, e.streetLevel])
        .sort(),
    ).toEqual(
      [
        [north.communityId, north.name, true],
        [south.communityId, south.name, true],
      ].sort(),
    );
    // The street office's own code concerns no community; the committee seat's names its community.
    expect(
      of('streets.inviteStaff')
        .map((e) => e.communityName ?? '街道')
        .sort(),
    ).toEqual([north.name, '街道'].sort());
    expect(of('timebank.updateSettings')).toEqual([
      expect.objectContaining({
        communityId: north.communityId,
        communityName: north.name,
        streetLevel: false,
        changes: expect.arrayContaining([{ field: 'expiry.enabled', before: 'false', after: 'true' }]),
      }),
    ]);
    // Newest first.
    const ids = items.map((e) => e.entryId);
    expect(ids).toEqual([...ids].sort().reverse());
  });

  it('pages without a gap or a repeat, and filters by community and object type', async () => {
    const { streetId, north, office } = await street();
    const whole = (await read(office, streetId, { limit: 100 })).body.items.map((e) => e.entryId);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await read(office, streetId, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.items.map((e: StreetStaffLogEntryView) => e.entryId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole);

    const inNorth = (await read(office, streetId, { communityId: north.communityId, limit: 100 })).body.items;
    expect(inNorth.length).toBeGreaterThan(0);
    expect(inNorth.every((e) => e.communityId === north.communityId)).toBe(true);
    expect(inNorth.map((e) => e.action)).toEqual(
      expect.arrayContaining(['streets.createCommunity', 'streets.inviteStaff', 'timebank.updateSettings']),
    );
    // The street office's actions there stay marked as the street's; the committee's are the community's.
    expect(inNorth.find((e) => e.action === 'streets.createCommunity')?.streetLevel).toBe(true);
    expect(inNorth.find((e) => e.action === 'timebank.updateSettings')?.streetLevel).toBe(false);
    const communities = (await read(office, streetId, { objectType: 'community', limit: 100 })).body.items;
    expect(communities.map((e) => e.action)).toEqual(['streets.createCommunity', 'streets.createCommunity']);
    const none = await read(office, streetId, { from: '2001-01-01T00:00:00+08:00', to: '2001-01-02T00:00:00+08:00' });
    expect(none.body.items).toEqual([]);
  });

  it("refuses another street's office, a committee member and a resident, and a community of another street", async () => {
    const { streetId, office, committee } = await street();
    for (const token of [await signIn('zhou'), committee, await signIn('wang')])
      expect((await read(token, streetId)).status).toBe(403);
    // This street's office cannot read the demo street's log either.
    expect((await read(office, DEMO_STREET_ID)).status).toBe(403);
    const foreign = await read(office, streetId, { communityId: DEMO_COMMUNITY_ID });
    expect([foreign.status, errorOf(foreign).fields?.[0]?.field]).toEqual([400, 'query.communityId']);
  });
});
