import { act, fireEvent, screen } from '@testing-library/react';
import { fakeApi, makeMe, storeTokens, validationError } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import BindPage from './index';

function directory(extra: Record<string, unknown>) {
  return fakeApi({
    'GET /me': makeMe({ memberships: [] }),
    'GET /communities': { items: [{ communityId: 'c1', name: '军门社区', district: '鼓楼区', street: '东街街道' }] },
    'GET /communities/c1/directory/buildings': { items: [{ buildingId: 'b3', name: '3栋' }] },
    'GET /communities/c1/directory/buildings/b3/units': {
      items: [
        { unitId: 'u302', label: '3栋1单元302', floor: 3 },
        { unitId: 'u301', label: '3栋1单元301', floor: 3 },
        { unitId: 'u401', label: '3栋1单元401', floor: 4 },
      ],
    },
    ...extra,
  });
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('申请绑定房屋', () => {
  beforeEach(() => storeTokens());

  it("shows the server's field message under the field it names", async () => {
    const log = directory({
      'POST /me/bindings': validationError('真实姓名与登记的业主不一致', [
        { field: 'body.realName', message: '真实姓名与登记的业主不一致' },
      ]),
    });
    renderWithSession(<BindPage />);

    fireEvent.click(await screen.findByTestId('building-b3'));
    fireEvent.click(await screen.findByTestId('unit-u301'));
    fireEvent.click(screen.getByTestId('relation-owner'));
    type('input-realName', '王芳');
    await act(async () => {
      fireEvent.click(screen.getByTestId('bind-submit'));
    });

    expect(screen.getByTestId('field-realName-error').textContent).toBe('真实姓名与登记的业主不一致');
    expect(log.find((r) => r.method === 'POST')?.body).toEqual({
      communityId: 'c1',
      unitId: 'u301',
      relation: 'owner',
      realName: '王芳',
    });
  });

  it('asks for the missing choices without calling the server', async () => {
    const log = directory({});
    renderWithSession(<BindPage />);
    await screen.findByTestId('building-b3');
    await act(async () => {
      fireEvent.click(screen.getByTestId('bind-submit'));
    });
    expect(screen.getByTestId('field-relation-error').textContent).toBe('请选择与房屋的关系');
    expect(screen.getByTestId('field-realName-error').textContent).toMatch(/^请填写/);
    expect(screen.getByText('请先选择楼栋和房号')).toBeTruthy();
    expect(log.some((r) => r.method === 'POST')).toBe(false);
  });

  it('lists units by floor, top floor first, doors in order', async () => {
    directory({});
    renderWithSession(<BindPage />);
    fireEvent.click(await screen.findByTestId('building-b3'));
    await screen.findByTestId('unit-picker');
    const labels = screen
      .getAllByRole('radio')
      .map((e) => e.textContent)
      .filter((t) => /^\d单元/.test(t ?? ''));
    expect(labels).toEqual(['1单元401', '1单元301', '1单元302']);
  });

  it('confirms a submitted request as pending review', async () => {
    directory({
      'POST /me/bindings': {
        status: 201,
        body: {
          bindingId: 'bd1',
          communityId: 'c1',
          communityName: '军门社区',
          unitId: 'u301',
          unitLabel: '3栋1单元301',
          buildingId: 'b3',
          gridId: 'g1',
          relation: 'tenant',
          status: 'pending',
          requestedAt: '2026-11-22T08:00:00Z',
          applicant: { userId: 'u1', nickname: '王阿姨' },
        },
      },
    });
    renderWithSession(<BindPage />);
    fireEvent.click(await screen.findByTestId('building-b3'));
    fireEvent.click(await screen.findByTestId('unit-u301'));
    fireEvent.click(screen.getByTestId('relation-tenant'));
    type('input-realName', '王芳');
    await act(async () => {
      fireEvent.click(screen.getByTestId('bind-submit'));
    });
    expect(screen.getByTestId('bind-submitted').textContent).toContain('待审核');
  });
});
