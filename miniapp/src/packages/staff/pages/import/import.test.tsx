import { act, fireEvent, screen, within } from '@testing-library/react';
import type { ImportJobView } from '@linli/shared';
import { committeeGrant, fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import ImportPage, { POLL_INTERVAL_MS } from './index';

const job = (over: Partial<ImportJobView>): ImportJobView => ({
  jobId: 'job1',
  status: 'previewed',
  fileName: 'roster.csv',
  problems: [],
  summary: { rows: 3, grids: 1, buildings: 1, units: { added: 2, updated: 1, unchanged: 0 }, owners: 2 },
  progress: { written: 0, total: 3 },
  registryKept: { count: 0, rows: [] },
  createdAt: '2026-11-22T08:00:00Z',
  ...over,
});

const upload = {
  url: 'http://127.0.0.1:4569/linli-uploads',
  fields: { key: 'imports/c1/abc.csv', Policy: 'cG9saWN5', 'X-Amz-Signature': 'sig' },
  key: 'imports/c1/abc.csv',
  expiresAt: '2026-11-22T09:00:00Z',
};

function backend(preview: ImportJobView, extra: Record<string, unknown> = {}) {
  return fakeApi({
    'GET /me': makeMe({ memberships: [], grants: [committeeGrant] }),
    'GET /communities': { items: [{ communityId: 'c1', name: '军门社区', district: '鼓楼区', street: '东街街道' }] },
    'POST /communities/c1/roster/imports/uploads': { status: 201, body: upload },
    'POST /communities/c1/roster/imports': { status: 201, body: preview },
    ...extra,
  });
}

async function chooseAndCheck() {
  const file = new File(['网格,楼栋,房号,楼层,建筑面积(㎡)\n'], 'roster.csv', { type: 'text/csv' });
  fireEvent.change(await screen.findByTestId('file-input'), { target: { files: [file] } });
  expect(screen.getByTestId('import-file').textContent).toContain('roster.csv');
  await act(async () => {
    fireEvent.click(screen.getByTestId('import-check'));
  });
}

describe('导入花名册', () => {
  let fetchMock: jest.Mock;
  beforeEach(() => {
    storeTokens();
    fetchMock = jest.fn(async () => ({ ok: true, status: 204 }));
    (globalThis as { fetch?: unknown }).fetch = fetchMock;
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('uploads fields-then-file and shows every problem grouped under its sheet row, with nothing to apply', async () => {
    const log = backend(
      job({
        status: 'invalid',
        problems: [
          { row: 9, column: '建筑面积(㎡)', message: '建筑面积不能小于 0' },
          { row: 5, column: '房号', message: '与第 3 行是同一套房' },
          { row: 5, column: '楼层', message: '楼层的格式不正确' },
        ],
      }),
    );
    renderWithSession(<ImportPage />);
    await chooseAndCheck();

    const form = fetchMock.mock.calls[0][1].body as FormData;
    expect([...form.keys()]).toEqual(['key', 'Policy', 'X-Amz-Signature', 'file']);
    expect(fetchMock.mock.calls[0][0]).toBe(upload.url);
    expect(log.find((r) => r.path === '/communities/c1/roster/imports/uploads')?.body).toEqual({
      fileName: 'roster.csv',
      contentType: 'text/csv',
      size: expect.any(Number),
    });
    expect(log.find((r) => r.path === '/communities/c1/roster/imports')?.body).toEqual({
      key: upload.key,
      fileName: 'roster.csv',
    });

    expect(screen.getByTestId('import-problem-count').textContent).toContain('共 2 行有问题（3 处）');
    const row5 = screen.getByTestId('import-problem-row-5');
    expect(row5.textContent).toContain('第 5 行');
    expect(row5.textContent).toContain('房号：与第 3 行是同一套房');
    expect(row5.textContent).toContain('楼层：楼层的格式不正确');
    expect(screen.getByTestId('import-problem-row-9').textContent).toContain('建筑面积不能小于 0');
    const rows = screen.getAllByTestId(/^import-problem-row-/).map((e) => e.getAttribute('data-testid'));
    expect(rows).toEqual(['import-problem-row-5', 'import-problem-row-9']);
    expect(screen.queryByTestId('import-apply')).toBeNull();
    expect(screen.getByTestId('import-preview').textContent).toContain('尚未写入任何数据');
  });

  it('previews the changes, applies, and follows the progress to the end', async () => {
    jest.useFakeTimers();
    let polls = 0;
    backend(job({}), {
      'POST /communities/c1/roster/imports/job1/apply': job({ status: 'applying', progress: { written: 0, total: 3 } }),
      'GET /communities/c1/roster/imports/job1': () => {
        polls++;
        return polls === 1
          ? job({ status: 'applying', progress: { written: 2, total: 3 } })
          : job({ status: 'applied', progress: { written: 3, total: 3 } });
      },
    });
    renderWithSession(<ImportPage />);
    await chooseAndCheck();

    const preview = screen.getByTestId('import-summary');
    expect(within(preview).getByTestId('import-added').textContent).toContain('2');
    expect(within(preview).getByTestId('import-updated').textContent).toContain('1');

    await act(async () => {
      fireEvent.click(screen.getByTestId('import-apply'));
    });
    expect(screen.getByTestId('import-progress-text').textContent).toContain('0 / 3');

    await act(async () => {
      await jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    });
    expect(screen.getByTestId('import-progress-text').textContent).toContain('已写入 2 / 3 条（67%）');

    await act(async () => {
      await jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    });
    expect(screen.getByTestId('import-done')).toBeTruthy();
  });

  it('shows the rows whose area or owner stay as the 不动产登记 set them, and still lets the rest be applied', async () => {
    backend(
      job({
        registryKept: {
          count: 2,
          rows: [
            {
              row: 4,
              unit: '3栋1单元201',
              fields: ['area', 'owner'],
              message: '以不动产登记为准：面积 89.5㎡（台账 92㎡），权利人 王秀英（台账 王阿姨）；台账的这些内容不写入',
            },
          ],
        },
      }),
    );
    renderWithSession(<ImportPage />);
    await chooseAndCheck();
    expect(screen.getByTestId('import-registry-kept-count').textContent).toContain('2 行的面积或业主以不动产登记为准');
    expect(screen.getByTestId('import-registry-kept-row-4').textContent).toContain('面积 89.5㎡（台账 92㎡）');
    expect(screen.getByTestId('import-registry').textContent).toContain('另有 1 行');
    expect(screen.getByTestId('import-apply')).toBeTruthy();
  });

  it('shows no registry section when the sheet touches no registry unit', async () => {
    backend(job({}));
    renderWithSession(<ImportPage />);
    await chooseAndCheck();
    expect(screen.getByTestId('import-preview')).toBeTruthy();
    expect(screen.queryByTestId('import-registry')).toBeNull();
  });

  it('refuses files that are not .xlsx or .csv before uploading', async () => {
    backend(job({}));
    renderWithSession(<ImportPage />);
    fireEvent.change(await screen.findByTestId('file-input'), {
      target: { files: [new File(['x'], '名单.pdf', { type: 'application/pdf' })] },
    });
    expect(screen.getByTestId('import-error').textContent).toContain('请选择 .xlsx 或 .csv 格式的花名册');
    expect(screen.queryByTestId('import-check')).toBeNull();
  });
});
