import { act, fireEvent, screen } from '@testing-library/react';
import { DEFAULT_PREFERENCES } from '@linli/shared';
import { fakeApi, makeMe, storeTokens, validationError } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import SettingsPage from './index';

const settings = {
  preferences: DEFAULT_PREFERENCES,
  grants: [
    { template: 'reviewResult', title: '审核结果通知', remaining: 2 },
    { template: 'communityNotice', title: '社区通知', remaining: 0 },
  ],
};

describe('通知设置', () => {
  beforeEach(() => storeTokens());

  it('saves the category switches, quiet hours and daily cap as one set', async () => {
    const log = fakeApi({
      'GET /me': makeMe(),
      'GET /notifications/settings': settings,
      'PUT /notifications/settings': (req) => ({ preferences: req.body, grants: settings.grants }),
    });
    renderWithSession(<SettingsPage />);
    fireEvent.click(await screen.findByTestId('category-broadcast'));
    fireEvent.click(screen.getByTestId('quiet-start-23:00'));
    fireEvent.click(screen.getByTestId('daily-cap-3'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('settings-save'));
    });
    const put = log.find((r) => r.method === 'PUT');
    expect(put?.body).toEqual({
      ...DEFAULT_PREFERENCES,
      categories: { ...DEFAULT_PREFERENCES.categories, broadcast: false },
      quietHours: { enabled: true, start: '23:00', end: '08:00' },
      dailyCap: 3,
    });
  });

  it('charts the WeChat reminders left per template', async () => {
    fakeApi({ 'GET /me': makeMe(), 'GET /notifications/settings': settings });
    renderWithSession(<SettingsPage />);
    const rows = await screen.findAllByTestId('grants-chart-row');
    expect(rows.map((r) => r.textContent)).toEqual(['审核结果通知2 次']);
  });

  it('shows the server’s message under the field it names', async () => {
    fakeApi({
      'GET /me': makeMe(),
      'GET /notifications/settings': settings,
      'PUT /notifications/settings': validationError('每日推送上限只能选 3、5、10、20 条', [
        { field: 'body.dailyCap', message: '每日推送上限只能选 3、5、10、20 条' },
      ]),
    });
    renderWithSession(<SettingsPage />);
    const save = await screen.findByTestId('settings-save');
    await act(async () => {
      fireEvent.click(save);
    });
    expect(screen.getByTestId('settings-cap').textContent).toContain('每日推送上限只能选 3、5、10、20 条');
  });
});
