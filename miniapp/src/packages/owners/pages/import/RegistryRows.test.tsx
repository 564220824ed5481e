import { act, fireEvent, screen } from '@testing-library/react';
import type { OwnerRegistryImportView } from '@linli/shared';
import { fakeApi, storeTokens, type FakeRequest } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import { RegistryRows } from './RegistryRows';

type Row = OwnerRegistryImportView['rows'][number];
const row = (n: number, status: Row['status'] = 'ok'): Row => ({
  row: n,
  address: `1号楼${n}室`,
  holders: `业主${n}`,
  area: 88,
  unitLabel: `1号楼${n}`,
  status,
  message: status === 'problem' ? '名册中没有这套房屋' : undefined,
});

/** The preview's first page (20 rows here, 200 in the app) of a 30-row extract. */
const view = {
  jobId: 'job1',
  rows: Array.from({ length: 20 }, (_, i) => row(i + 2)),
  rowsCursor: 'cjIwMA',
  rowCounts: { ok: 25, note: 0, problem: 5 },
} as unknown as OwnerRegistryImportView;

describe('逐行匹配 of a large extract', () => {
  beforeEach(() => storeTokens());

  it('shows the first page from the preview, loads the rest by cursor, and narrows to the problems', async () => {
    const log = fakeApi({
      'GET /communities/c1/owners/registry-imports/job1/rows': (req: FakeRequest) =>
        req.query.get('status') === 'problem'
          ? { items: Array.from({ length: 5 }, (_, i) => row(27 + i, 'problem')) }
          : { items: Array.from({ length: 10 }, (_, i) => row(22 + i)) },
    });
    renderWithSession(<RegistryRows communityId="c1" view={view} />);
    expect((await screen.findByTestId('registry-row-counts')).textContent).toContain('共 30 行');
    expect(screen.getAllByTestId('registry-row')).toHaveLength(20);
    expect(screen.getByTestId('registry-rows-shown').textContent).toContain('20 / 30');
    const rowsAsked = () => log.filter((r) => r.path.endsWith('/rows'));
    expect(rowsAsked()).toHaveLength(0); // the first page came with the preview

    await act(async () => {
      fireEvent.click(screen.getByTestId('load-more-button'));
    });
    expect(rowsAsked()[0]?.query.get('cursor')).toBe('cjIwMA');
    expect(screen.getAllByTestId('registry-row')).toHaveLength(30);
    expect(screen.getByTestId('load-more').textContent).toContain('已经到底了');

    await act(async () => {
      fireEvent.click(screen.getByTestId('registry-row-filter-problem'));
    });
    expect(await screen.findAllByTestId('registry-row')).toHaveLength(5);
    expect(rowsAsked().at(-1)?.query.get('status')).toBe('problem');
    expect(screen.getByTestId('registry-rows-shown').textContent).toContain('5 / 5');
  }, 30_000);
});
