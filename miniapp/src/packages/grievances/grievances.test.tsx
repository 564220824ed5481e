import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { DEFAULT_GRIEVANCE_SETTINGS } from '@linli/shared';
import { fakeApi, makeMe, storeTokens, validationError, type FakeRequest } from '@test/fakeApi';
import { grievanceDetail as detail, grievanceSummary as summary } from '@test/grievanceFixtures';
import { renderWithSession } from '@test/render';
import GrievancesPage from '@/pages/grievances/index';
import DetailPage from './pages/detail/index';
import ReviewsPage from './pages/reviews/index';
import SubmitPage from './pages/submit/index';

const resident = makeMe({ grants: [{ role: 'resident', communityId: 'c1' }] });
const committee = makeMe({
  userId: 'sun',
  nickname: '孙主任',
  memberships: [],
  grants: [{ role: 'committee', communityId: 'c1' }],
});
const gridWorker = makeMe({
  userId: 'liu',
  nickname: '刘网格员',
  memberships: [],
  grants: [{ role: 'gridWorker', communityId: 'c1', gridId: 'g1' }],
});

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId).querySelector('input, textarea') ?? screen.getByTestId(testId), {
    target: { value },
  });
const click = async (testId: string) => {
  const target = await screen.findByTestId(testId);
  await act(async () => {
    fireEvent.click(target);
  });
};

describe('诉求 tab', () => {
  beforeEach(() => storeTokens());

  it('lists my requests with their state and opens one', async () => {
    fakeApi({
      'GET /me': resident,
      'GET /communities/c1/grievances/mine': {
        items: [summary(), summary({ grievanceId: 'gv2', status: 'committed', level: 'committee', overdue: true })],
      },
      'GET /communities/c1/grievances/evaluations/latest': {},
    });
    renderWithSession(<GrievancesPage />);
    const row = await screen.findByTestId('grievance-gv2');
    expect(row.textContent).toContain('办理中');
    expect(row.textContent).toContain('社区居委会');
    expect(row.textContent).toContain('超时');
    fireEvent.click(row);
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/packages/grievances/pages/detail/index?communityId=c1&id=gv2',
    });
  });

  it('switches to the community’s public requests', async () => {
    const log = fakeApi({
      'GET /me': resident,
      'GET /communities/c1/grievances/mine': { items: [] },
      'GET /communities/c1/grievances': { items: [summary({ reporter: '匿名居民', mine: false })] },
      'GET /communities/c1/grievances/evaluations/latest': {},
    });
    renderWithSession(<GrievancesPage />);
    await screen.findByTestId('grievances-list-empty');
    await click('grievances-tab-community');
    expect((await screen.findByTestId('grievance-gv1')).textContent).toContain('匿名居民');
    expect(log.some((r) => r.path === '/communities/c1/grievances')).toBe(true);
  });

  it('shows a grid worker their 待办 and overdue counts', async () => {
    fakeApi({
      'GET /me': gridWorker,
      'GET /communities/c1/grievances/mine': { items: [] },
      'GET /communities/c1/grievances/queue': {
        items: [
          summary(),
          summary({ grievanceId: 'gv3', overdue: true }),
          summary({ grievanceId: 'gv4', status: 'resolved' }),
        ],
      },
      'GET /communities/c1/grievances/evaluations/latest': {},
    });
    renderWithSession(<GrievancesPage />);
    await waitFor(() => expect(screen.getByTestId('grievances-queue-count').textContent).toContain('2'));
    expect(screen.getByTestId('grievances-staff').textContent).toContain('已超时');
  });

  it('asks someone without a household to bind one first', async () => {
    fakeApi({ 'GET /me': makeMe({ memberships: [], grants: [] }) });
    renderWithSession(<GrievancesPage />);
    await click('grievances-bind');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/bind/index' });
  });
});

describe('我要反映', () => {
  beforeEach(() => storeTokens());
  const routes = (extra: Record<string, unknown> = {}) =>
    fakeApi({
      'GET /me': resident,
      'GET /communities/c1/grievances/settings': DEFAULT_GRIEVANCE_SETTINGS,
      'GET /communities/c1/directory/buildings': { items: [{ buildingId: 'b3', name: '3栋' }] },
      'GET /communities/c1/grievances/duplicates': { items: [], mine: [] },
      ...extra,
    });

  it('sends the category, the resident’s own unit, the description and a client id, then opens the request', async () => {
    const log = routes({ 'POST /communities/c1/grievances': { status: 201, body: detail({ grievanceId: 'gvNew' }) } });
    renderWithSession(<SubmitPage />);
    await click('category-repair');
    type('input-description', '楼道灯不亮，晚上很黑');
    await click('grievance-submit');
    const sent = log.find((r) => r.method === 'POST')?.body;
    expect(sent).toMatchObject({
      category: 'repair',
      description: '楼道灯不亮，晚上很黑',
      location: { kind: 'unit', unitId: 'u-301' },
      visibility: 'public',
      anonymous: false,
      photos: [],
    });
    expect(sent.clientRequestId).toMatch(/^[0-9a-z]{10,}$/);
    expect(Taro.redirectTo).toHaveBeenCalledWith({
      url: '/packages/grievances/pages/detail/index?communityId=c1&id=gvNew',
    });
  });

  it('shows the server’s refusal under the description', async () => {
    routes({
      'POST /communities/c1/grievances': validationError('内容可能含有违规信息，请修改后再提交', [
        { field: 'body.description', message: '内容可能含有违规信息，请修改后再提交' },
      ]),
    });
    renderWithSession(<SubmitPage />);
    await click('category-repair');
    type('input-description', '楼下有人聚众那个什么');
    await click('grievance-submit');
    expect(screen.getByTestId('field-description-error').textContent).toBe('内容可能含有违规信息，请修改后再提交');
  });

  it('tells a resident she already raised the same thing, with a link to it, before she submits', async () => {
    routes({
      'GET /communities/c1/grievances/duplicates': {
        items: [],
        mine: [summary({ grievanceId: 'gvMine', mine: true, reporter: '我', status: 'accepted' })],
      },
    });
    renderWithSession(<SubmitPage />);
    expect(screen.queryByTestId('own-duplicates')).toBeNull();
    await click('category-repair');
    const hint = await screen.findByTestId('own-duplicates');
    expect(hint.textContent).toContain('您已经反映过类似的问题');
    expect(hint.textContent).toContain('已受理');
    await click('own-duplicate-open');
    // On top of the form, which keeps what she typed.
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/packages/grievances/pages/detail/index?communityId=c1&id=gvMine',
    });
  });

  it('offers a likely duplicate at the same building and joins it instead', async () => {
    const log = routes({
      'GET /communities/c1/grievances/duplicates': {
        items: [summary({ grievanceId: 'gvDup', mine: false, reporter: '小李' })],
        mine: [],
      },
      'POST /communities/c1/grievances/gvDup/supports': { supportCount: 3, supportedByMe: true },
    });
    renderWithSession(<SubmitPage />);
    await click('category-repair');
    await screen.findByTestId('duplicate-gvDup');
    expect(log.find((r) => r.path.endsWith('/duplicates'))?.query.get('category')).toBe('repair');
    await click('duplicate-join');
    expect(log.some((r: FakeRequest) => r.method === 'POST' && r.path.endsWith('/gvDup/supports'))).toBe(true);
    expect(Taro.redirectTo).toHaveBeenCalledWith({
      url: '/packages/grievances/pages/detail/index?communityId=c1&id=gvDup',
    });
  });

  it('names no unit when anonymous: the choice falls back to the building', async () => {
    const log = routes({ 'POST /communities/c1/grievances': { status: 201, body: detail() } });
    renderWithSession(<SubmitPage />);
    await click('category-noise');
    type('input-description', '楼上每天半夜装修');
    await act(async () => {
      fireEvent.click(screen.getByTestId('anonymous-switch'));
    });
    expect(screen.queryByTestId('where-unit')).toBeNull();
    await click('location-building-b3');
    await click('grievance-submit');
    expect(log.find((r) => r.method === 'POST')?.body).toMatchObject({
      anonymous: true,
      location: { kind: 'building', buildingId: 'b3' },
    });
  });
});

describe('诉求详情', () => {
  beforeEach(() => {
    storeTokens();
    (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams({
      communityId: 'c1',
      id: 'gv1',
    });
  });

  it('lets the handler accept with the version shown, and shows the new state', async () => {
    const log = fakeApi({
      'GET /me': gridWorker,
      'GET /communities/c1/grievances/gv1': detail({
        viewer: 'handler',
        actions: ['accept', 'refer', 'escalate'],
        notes: [],
        mine: false,
        reporter: '匿名居民',
      }),
      'POST /communities/c1/grievances/gv1/acceptance': detail({
        viewer: 'handler',
        status: 'accepted',
        version: 2,
        actions: ['commit', 'refer', 'escalate'],
        notes: [],
      }),
    });
    renderWithSession(<DetailPage />);
    expect((await screen.findByTestId('detail-head')).textContent).toContain('匿名居民');
    await click('action-accept');
    expect(log.find((r) => r.method === 'POST')?.body).toEqual({ version: 1 });
    expect(screen.getByTestId('detail-status').textContent).toBe('已受理');
    expect(screen.getByTestId('action-commit')).toBeTruthy();
    expect(screen.getByTestId('notes')).toBeTruthy();
  });

  it('asks why before sending 不满意, without calling the server', async () => {
    const log = fakeApi({
      'GET /me': resident,
      'GET /communities/c1/grievances/gv1': detail({
        status: 'resolved',
        version: 4,
        actions: ['rate', 'reopen'],
        resolution: {
          outcome: 'done',
          note: '已更换',
          by: { name: '刘网格员', role: 'gridWorker' },
          at: new Date().toISOString(),
        },
      }),
    });
    renderWithSession(<DetailPage />);
    await click('rating-unsatisfied');
    await click('rating-submit');
    expect(screen.getByTestId('field-rating-comment-error').textContent).toBe('不满意时请写明原因');
    expect(log.some((r) => r.method === 'POST')).toBe(false);
  });

  it('shows the timeline and hides the conversation from neighbours', async () => {
    fakeApi({
      'GET /me': resident,
      'GET /communities/c1/grievances/gv1': detail({
        viewer: 'member',
        mine: false,
        reporter: '小李',
        messages: undefined,
        actions: [],
        canSupport: true,
      }),
    });
    renderWithSession(<DetailPage />);
    expect((await screen.findByTestId('timeline-submit')).textContent).toContain('提交诉求');
    expect(screen.queryByTestId('messages')).toBeNull();
    expect(screen.getByTestId('grievance-support').textContent).toContain('我也遇到');
  });

  it('offers the committee 转为议题, opening the topic form with the request', async () => {
    fakeApi({
      'GET /me': makeMe({
        userId: 'sun',
        nickname: '孙主任',
        memberships: [],
        grants: [{ role: 'committee', communityId: 'c1' }],
      }),
      'GET /communities/c1/grievances/gv1': detail({ viewer: 'handler', mine: false, actions: ['accept'], notes: [] }),
    });
    renderWithSession(<DetailPage />);
    await click('grievance-to-topic');
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/packages/agora/pages/wizard/index?communityId=c1&grievanceId=gv1',
    });
  });

  it('shows everyone the topic the request became, and offers residents no 转为议题', async () => {
    fakeApi({
      'GET /me': resident,
      'GET /communities/c1/grievances/gv1': detail({ topicId: 't7', topicTitle: '3栋楼道灯改造' }),
    });
    renderWithSession(<DetailPage />);
    expect((await screen.findByTestId('detail-topic-link')).textContent).toContain('已转为议题：3栋楼道灯改造');
    expect(screen.queryByTestId('grievance-to-topic')).toBeNull();
    await click('detail-topic-link');
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/packages/agora/pages/topic/index?communityId=c1&topicId=t7',
    });
  });

  it('offers no 转为议题 to a grid worker', async () => {
    fakeApi({
      'GET /me': gridWorker,
      'GET /communities/c1/grievances/gv1': detail({ viewer: 'handler', mine: false, actions: ['accept'], notes: [] }),
    });
    renderWithSession(<DetailPage />);
    await screen.findByTestId('detail-head');
    expect(screen.queryByTestId('grievance-to-topic')).toBeNull();
  });
});

describe('人工复核', () => {
  beforeEach(() => {
    storeTokens();
    (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams({
      communityId: 'c1',
      id: 'gv1',
    });
  });

  const flagged = () =>
    detail({
      viewer: 'handler',
      mine: false,
      reporter: '王阿姨',
      description: '楼道小广告让人加微信',
      descriptionAwaitingReview: true,
      canReview: true,
      actions: ['accept'],
      notes: [],
    });

  it('shows staff the 待人工复核 badge on the detail and rejects with the reason the author will read', async () => {
    const log = fakeApi({
      'GET /me': committee,
      'GET /communities/c1/grievances/gv1': flagged(),
      'POST /communities/c1/grievances/gv1/reviews': detail({
        viewer: 'handler',
        mine: false,
        description: '楼道小广告让人加微信',
        descriptionState: 'rejected',
        canReview: false,
        actions: ['accept'],
        notes: [],
      }),
    });
    renderWithSession(<DetailPage />);
    expect((await screen.findByTestId('detail-awaiting-review')).textContent).toBe('待人工复核');
    await click('review-description-reject');
    await click('dialog-review-description-confirm');
    expect(screen.getByTestId('field-review-reason-error').textContent).toBe('不通过时请写明原因');
    type('input-review-reason', '含个人联系方式广告');
    await click('dialog-review-description-confirm');
    await waitFor(() => expect(screen.queryByTestId('detail-awaiting-review')).toBeNull());
    // The contract refuses a rejection without a reason before anything is sent.
    expect(log.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { target: { kind: 'description' }, decision: 'reject', reason: '含个人联系方式广告' },
    ]);
    expect(screen.queryByTestId('review-description')).toBeNull();
  });

  it('tells the reporter their text waits for review, or why it was rejected, without review buttons', async () => {
    fakeApi({
      'GET /me': resident,
      'GET /communities/c1/grievances/gv1': detail({
        descriptionState: 'rejected',
        descriptionRejectedReason: '诉求描述：含广告',
      }),
    });
    renderWithSession(<DetailPage />);
    expect((await screen.findByTestId('detail-rejected-reason')).textContent).toContain('含广告');
    expect(screen.queryByTestId('review-description')).toBeNull();
  });

  it('lists 待人工复核 items, approves one and takes it off the list; says when nothing waits', async () => {
    const item = (grievanceId: string, target: object, extra: object = {}) => ({
      grievance: summary({ grievanceId, mine: false, reporter: '王阿姨', excerpt: '内容审核中' }),
      target,
      author: { name: '王阿姨', role: 'reporter' },
      flaggedAt: new Date().toISOString(),
      ...extra,
    });
    const log = fakeApi({
      'GET /me': committee,
      'GET /communities/c1/grievances/reviews': {
        items: [
          item('gv1', { kind: 'description' }, { text: '楼道小广告让人加微信' }),
          item('gv2', { kind: 'message', messageId: 'm1' }, { text: '加微信聊' }),
        ],
      },
      'POST /communities/c1/grievances/gv2/reviews': detail({ grievanceId: 'gv2', viewer: 'handler' }),
    });
    renderWithSession(<ReviewsPage />);
    expect((await screen.findByTestId('review-item-gv1:description')).textContent).toContain('楼道小广告让人加微信');
    await click('review-message-m1-approve');
    await click('dialog-review-message-m1-confirm');
    await waitFor(() => expect(screen.queryByTestId('review-item-gv2:message-m1')).toBeNull());
    expect(log.find((r) => r.method === 'POST')?.body).toEqual({
      target: { kind: 'message', messageId: 'm1' },
      decision: 'approve',
    });
    expect(screen.getByTestId('review-item-gv1:description')).toBeTruthy();
  });

  it('shows the empty and the error states of the list', async () => {
    fakeApi({ 'GET /me': committee, 'GET /communities/c1/grievances/reviews': { items: [] } });
    const { unmount } = renderWithSession(<ReviewsPage />);
    expect((await screen.findByTestId('reviews-empty')).textContent).toContain('没有待人工复核的内容');
    unmount();
    fakeApi({
      'GET /me': committee,
      'GET /communities/c1/grievances/reviews': {
        status: 500,
        body: { error: { code: 'INTERNAL', message: '服务暂时不可用' } },
      },
    });
    renderWithSession(<ReviewsPage />);
    expect(await screen.findByTestId('reviews-error')).toBeTruthy();
  });

  it('answers a decision someone else made first with a readable line', async () => {
    fakeApi({
      'GET /me': committee,
      'GET /communities/c1/grievances/gv1': flagged(),
      'POST /communities/c1/grievances/gv1/reviews': {
        status: 409,
        body: { error: { code: 'NOT_IN_REVIEW', message: '该内容不在待人工复核状态' } },
      },
    });
    renderWithSession(<DetailPage />);
    await click('review-description-approve');
    await click('dialog-review-description-confirm');
    expect((await screen.findByTestId('dialog-review-error')).textContent).toBe('该内容不在待人工复核状态');
  });
});
