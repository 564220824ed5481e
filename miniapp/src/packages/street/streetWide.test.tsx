import { act, fireEvent, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { StreetCommunityView } from '@linli/shared';
import { fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import NoticesPage from './pages/notices/index';
import TopicsPage from './pages/topics/index';

/* 街道通知 and 街道议事 share the community chooser, the draft's request id and the page's states (StreetWideParts). */

const setParams = (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams;
const zhou = makeMe({ userId: 'zhou', nickname: '周科长', memberships: [], grants: [] });

const community = (communityId: string, name: string): StreetCommunityView => ({
  communityId,
  name,
  streetId: 'dongjie',
  unitCount: 10,
});
const street = (communities: StreetCommunityView[]) => ({
  street: {
    streetId: 'dongjie',
    name: '东街街道',
    district: '福州市鼓楼区',
    regionCode: '350102',
    communityCount: communities.length,
    createdAt: '2026-11-01T00:00:00.000Z',
  },
  communities,
});
const two = street([community('xingfuli', '幸福里社区'), community('xiyuan', '西园社区')]);

describe('街道通知 and 街道议事 forms', () => {
  beforeEach(() => {
    storeTokens();
    setParams({ streetId: 'dongjie' });
  });

  it('sends a notice to the communities left on, and a retried send under the same request id', async () => {
    let sends = 0;
    const log = fakeApi({
      'GET /me': zhou,
      'GET /streets/dongjie': two,
      'GET /streets/dongjie/notices': { items: [] },
      'POST /streets/dongjie/notices/preview': {
        households: 3,
        residents: 4,
        communities: [{ communityId: 'xingfuli', name: '幸福里社区', households: 3, residents: 4 }],
      },
      'POST /streets/dongjie/notices': () =>
        ++sends === 1
          ? { status: 503, body: { error: { code: 'UNAVAILABLE', message: '服务暂时不可用' } } }
          : { status: 201, body: { noticeId: 'n1' } },
    });
    renderWithSession(<NoticesPage />);
    expect((await screen.findByTestId('street-notices-empty')).textContent).toContain('还没有发布过街道通知');
    fireEvent.change(screen.getByTestId('input-street-notice-title'), { target: { value: '消防检查' } });
    fireEvent.change(screen.getByTestId('input-street-notice-body'), { target: { value: '周六开展消防检查' } });
    fireEvent.click(screen.getByTestId('street-notice-toggle-xiyuan'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('street-notice-preview'));
    });
    expect(log.find((r) => r.path.endsWith('/preview'))?.body).toEqual({ communityIds: ['xingfuli'] });
    expect((await screen.findByTestId('street-notice-households')).textContent).toContain('1 个社区 3 户');

    await act(async () => {
      fireEvent.click(screen.getByTestId('street-notice-send'));
    });
    expect((await screen.findByTestId('street-notice-error')).textContent).toContain('服务暂时不可用');
    await act(async () => {
      fireEvent.click(screen.getByTestId('street-notice-send'));
    });
    const sent = log.filter((r) => r.method === 'POST' && r.path === '/streets/dongjie/notices');
    expect(sent).toHaveLength(2);
    expect(sent[0]?.body).toMatchObject({ title: '消防检查', communityIds: ['xingfuli'] });
    expect(sent[0]?.body.requestId).toMatch(/^sn/);
    expect(sent[1]?.body.requestId).toBe(sent[0]?.body.requestId);
  });

  it('opens a topic in the whole street (no communities named) or in those left on', async () => {
    const log = fakeApi({
      'GET /me': zhou,
      'GET /streets/dongjie': two,
      'GET /streets/dongjie/topics': { items: [] },
      'POST /streets/dongjie/topics': { status: 201, body: { streetTopicId: 'st1' } },
    });
    renderWithSession(<TopicsPage />);
    expect((await screen.findByTestId('street-topics-empty')).textContent).toContain('还没有发起过街道议事');
    const fill = () => {
      fireEvent.change(screen.getByTestId('input-street-topic-title'), { target: { value: '投放时间' } });
      fireEvent.change(screen.getByTestId('input-street-topic-description'), { target: { value: '请选择' } });
      fireEvent.change(screen.getByTestId('input-street-topic-option-1'), { target: { value: '早上' } });
      fireEvent.change(screen.getByTestId('input-street-topic-option-2'), { target: { value: '晚上' } });
    };
    fill();
    await act(async () => {
      fireEvent.click(screen.getByTestId('street-topic-open'));
    });
    fill();
    fireEvent.click(screen.getByTestId('street-topic-toggle-xingfuli'));
    expect(screen.getByTestId('street-topic-toggle-xingfuli').getAttribute('aria-checked')).toBe('false');
    await act(async () => {
      fireEvent.click(screen.getByTestId('street-topic-open'));
    });
    const opened = log.filter((r) => r.method === 'POST' && r.path === '/streets/dongjie/topics');
    expect(opened.map((r) => r.body.communityIds)).toEqual([undefined, ['xiyuan']]);
    // Each draft has its own request id.
    expect(opened[0]?.body.requestId).toMatch(/^st/);
    expect(opened[1]?.body.requestId).not.toBe(opened[0]?.body.requestId);
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/packages/street/pages/topic/index?streetId=dongjie&streetTopicId=st1',
    });
  });

  it('says where to add a community when the street has none', async () => {
    fakeApi({
      'GET /me': zhou,
      'GET /streets/dongjie': street([]),
      'GET /streets/dongjie/topics': { items: [] },
    });
    renderWithSession(<TopicsPage />);
    expect((await screen.findByTestId('street-topics-no-community')).textContent).toContain('先在街道管理中新建社区');
    expect(screen.queryByTestId('street-topic-compose')).toBeNull();
  });
});
