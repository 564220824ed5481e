import Taro from '@tarojs/taro';
import { fakeApi, storeTokens } from '@test/fakeApi';
import { ME_TAB_INDEX, refreshUnreadBadge } from './unreadBadge';

describe('the unread badge on 我的', () => {
  beforeEach(() => storeTokens());

  it('shows the count, caps it at 99+, and clears it at zero', async () => {
    let unread = 3;
    fakeApi({ 'GET /notifications/unread-count': () => ({ unread }) });
    expect(await refreshUnreadBadge()).toBe(3);
    expect(Taro.setTabBarBadge).toHaveBeenLastCalledWith({ index: ME_TAB_INDEX, text: '3' });
    unread = 120;
    await refreshUnreadBadge();
    expect(Taro.setTabBarBadge).toHaveBeenLastCalledWith({ index: ME_TAB_INDEX, text: '99+' });
    unread = 0;
    await refreshUnreadBadge();
    expect(Taro.removeTabBarBadge).toHaveBeenCalledWith({ index: ME_TAB_INDEX });
  });

  it('leaves the badge alone when the count cannot be read', async () => {
    fakeApi({
      'GET /notifications/unread-count': { status: 503, body: { error: { code: 'UNAVAILABLE', message: '忙' } } },
    });
    expect(await refreshUnreadBadge()).toBeUndefined();
    expect(Taro.setTabBarBadge).not.toHaveBeenCalled();
  });
});
