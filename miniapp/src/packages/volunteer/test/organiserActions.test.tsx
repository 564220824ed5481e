import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { fakeApi, storeTokens, type FakeRequest } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import VolunteerPage from '@/pages/volunteer/index';
import ActivityPage from '@/packages/volunteer/pages/activity/index';
import CataloguePage from '@/packages/volunteer/pages/catalogue/index';
import RosterPage from '@/packages/volunteer/pages/roster/index';
import TeamsPage from '@/packages/volunteer/pages/teams/index';
import { activity, residentMe } from './fixtures';

const typeInto = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const committeeMe = () => residentMe({ grants: [{ role: 'committee', communityId: 'c1' }] });
const routeTo = (params: Record<string, string>) =>
  (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams(params);
const mine = {
  totalMinutes: 0,
  activityCount: 0,
  pointsEarned: 0,
  balance: 0,
  star: { stars: 0, label: '志愿者', nextAtHours: 100, hoursToNext: 100 },
  registrations: [],
};

describe('取消活动', () => {
  beforeEach(() => {
    storeTokens();
    routeTo({ id: 'a1' });
  });

  it('the organiser cancels with a reason; the page then shows 已取消 and no sign-up', async () => {
    let current = activity({ canOrganise: true, confirmed: 4, waitlisted: 1 });
    const log = fakeApi({
      'GET /me': committeeMe(),
      'GET /communities/c1/volunteer/activities/a1': () => current,
      'POST /communities/c1/volunteer/activities/a1/cancellation': (req: FakeRequest) =>
        (current = activity({
          canOrganise: true,
          confirmed: 4,
          waitlisted: 1,
          phase: 'cancelled',
          cancelledAt: new Date().toISOString(),
          cancelReason: String(req.body.reason),
        })),
    });
    renderWithSession(<ActivityPage />);
    fireEvent.click(await screen.findByTestId('activity-cancel-activity'));
    expect(screen.getByTestId('cancel-activity-dialog').textContent).toContain('已报名 4 人、候补 1 人');
    // A reason is required: the contract refuses before anything is sent.
    await act(async () => {
      fireEvent.click(screen.getByTestId('cancel-activity-dialog-confirm'));
    });
    expect(screen.getByTestId('field-reason-error').textContent).toBe('请填写取消原因');
    typeInto('input-reason', '暴雨预警，活动改期');
    await act(async () => {
      fireEvent.click(screen.getByTestId('cancel-activity-dialog-confirm'));
    });
    expect(log.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([{ reason: '暴雨预警，活动改期' }]);
    expect(screen.getByTestId('activity-status').textContent).toBe('已取消');
    expect(screen.getByTestId('activity-cancelled').textContent).toContain('暴雨预警，活动改期');
    expect(screen.queryByTestId('activity-signup')).toBeNull();
    expect(screen.queryByTestId('activity-cancel-activity')).toBeNull();
  });

  it('a volunteer sees a cancelled activity as 已取消, without sign-up or check-in', async () => {
    fakeApi({
      'GET /me': residentMe(),
      'GET /communities/c1/volunteer/activities/a1': activity({
        phase: 'cancelled',
        cancelReason: '场地停用',
        mine: { status: 'confirmed', hoursState: 'upcoming' },
      }),
    });
    renderWithSession(<ActivityPage />);
    expect((await screen.findByTestId('activity-cancelled')).textContent).toContain('场地停用');
    expect(screen.queryByTestId('activity-mine')).toBeNull();
    expect(screen.queryByTestId('activity-cancel')).toBeNull();
  });

  it('the volunteer tab lists it as 已取消', async () => {
    fakeApi({
      'GET /me': residentMe(),
      'GET /communities/c1/volunteer/me': mine,
      'GET /communities/c1/volunteer/activities': {
        items: [activity({ phase: 'cancelled', mine: { status: 'confirmed' } })],
      },
    });
    renderWithSession(<VolunteerPage />);
    const list = await screen.findByTestId('activity-list');
    expect(within(list).getByTestId('activity-a1').textContent).toContain('已取消');
  });

  it('someone the organiser removed reads why', async () => {
    fakeApi({
      'GET /me': residentMe(),
      'GET /communities/c1/volunteer/activities/a1': activity({
        mine: { status: 'cancelled', removedReason: '重复报名' },
      }),
    });
    renderWithSession(<ActivityPage />);
    expect((await screen.findByTestId('activity-removed')).textContent).toContain('重复报名');
  });
});

describe('移出报名', () => {
  beforeEach(() => {
    storeTokens();
    routeTo({ id: 'a1' });
  });

  const entry = (over: Record<string, unknown>) => ({
    userId: 'u9',
    nickname: '小李',
    status: 'confirmed',
    hoursState: 'upcoming',
    signedUpAt: '2026-11-20T00:00:00Z',
    approvalRound: 1,
    ...over,
  });

  it('removes one volunteer with a reason and reads the roster again (a waiter moves up)', async () => {
    let removed = false;
    const log = fakeApi({
      'GET /me': committeeMe(),
      'GET /communities/c1/volunteer/activities/a1/roster': () =>
        removed
          ? {
              activity: activity({ canOrganise: true, confirmed: 1 }),
              items: [
                entry({ userId: 'u8', nickname: '老张' }),
                entry({ status: 'cancelled', hoursState: undefined, removedReason: '重复报名' }),
              ],
            }
          : {
              activity: activity({ canOrganise: true, confirmed: 1, waitlisted: 1 }),
              items: [
                entry({}),
                entry({ userId: 'u8', nickname: '老张', status: 'waitlisted', hoursState: undefined, waitPosition: 1 }),
              ],
            },
      'POST /communities/c1/volunteer/activities/a1/registrations/u9/removal': () => {
        removed = true;
        return entry({ status: 'cancelled', hoursState: undefined, removedReason: '重复报名' });
      },
    });
    renderWithSession(<RosterPage />);
    fireEvent.click(within(await screen.findByTestId('roster-u9')).getByTestId('roster-remove'));
    expect(screen.getByTestId('remove-dialog').textContent).toContain('自动递补');
    typeInto('input-reason', '重复报名');
    await act(async () => {
      fireEvent.click(screen.getByTestId('remove-dialog-confirm'));
    });
    expect(log.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([{ reason: '重复报名' }]);
    await waitFor(() => expect(screen.getByTestId('roster-u9').textContent).toContain('组织者移出：重复报名'));
    expect(screen.getByTestId('roster-u8').textContent).toContain('未开始');
    expect(within(screen.getByTestId('roster-u9')).queryByTestId('roster-remove')).toBeNull();
  });
});

describe('指定队长', () => {
  beforeEach(() => storeTokens());

  it('the committee names a member leader of a team that has none', async () => {
    const team = {
      teamId: 't1',
      name: '环境监督队',
      description: '巡查',
      leaders: [] as { userId: string; nickname: string }[],
      memberCount: 2,
      isLeader: false,
    };
    const log = fakeApi({
      'GET /me': committeeMe(),
      'GET /communities/c1/volunteer/teams': { items: [team] },
      'GET /communities/c1/volunteer/teams/t1/members': {
        items: [
          { userId: 'u1', nickname: '小李', status: 'active', role: 'member', requestedAt: '2026-11-01T00:00:00Z' },
          { userId: 'u2', nickname: '小王', status: 'pending', role: 'member', requestedAt: '2026-11-02T00:00:00Z' },
        ],
      },
      'POST /communities/c1/volunteer/teams/t1/leader': { ...team, leaders: [{ userId: 'u1', nickname: '小李' }] },
    });
    renderWithSession(<TeamsPage />);
    expect((await screen.findByTestId('team-no-leader')).textContent).toContain('从队员中指定');
    fireEvent.click(screen.getByTestId('team-members'));
    const member = await screen.findByTestId('member-u1');
    expect(within(screen.getByTestId('member-u2')).queryByTestId('member-make-leader')).toBeNull();
    await act(async () => {
      fireEvent.click(within(member).getByTestId('member-make-leader'));
    });
    expect(log.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([{ userId: 'u1' }]);
    await waitFor(() => expect(screen.getByTestId('team-t1').textContent).toContain('队长 小李'));
    expect(screen.queryByTestId('team-no-leader')).toBeNull();
  });
});

describe('上架 retried', () => {
  beforeEach(() => storeTokens());

  it('sends the same requestId when the committee retries the same form', async () => {
    let attempts = 0;
    const log = fakeApi({
      'GET /me': committeeMe(),
      'GET /communities/c1/timebank/catalogue': { items: [] },
      'POST /communities/c1/timebank/catalogue': () =>
        ++attempts === 1
          ? { status: 503, body: { error: { code: 'UNAVAILABLE', message: '服务暂时繁忙，请稍后再试' } } }
          : {
              status: 201,
              body: {
                itemId: 'i1',
                name: '雨伞',
                description: '说明',
                kind: 'gift',
                price: 8,
                stock: 4,
                redeemed: 0,
                status: 'active',
                available: true,
              },
            },
    });
    renderWithSession(<CataloguePage />);
    fireEvent.click(await screen.findByTestId('catalogue-create'));
    typeInto('input-name', '雨伞');
    typeInto('input-price', '8');
    typeInto('input-initialStock', '4');
    typeInto('input-description', '说明');
    await act(async () => {
      fireEvent.click(screen.getByTestId('item-dialog-confirm'));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('item-dialog-confirm'));
    });
    const posts = log.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[0]!.body.requestId).toMatch(/^r/);
    expect(posts[1]!.body.requestId).toBe(posts[0]!.body.requestId);
  });
});
