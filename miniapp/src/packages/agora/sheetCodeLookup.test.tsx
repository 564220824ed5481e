import { act, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import type { BallotSheetView } from '@linli/shared';
import { fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import { SheetCodeLookup } from './components/SheetCodeLookup';

const wang: BallotSheetView = {
  code: 'K7MQ3XPA',
  voterKey: 'O_o201',
  holder: '王秀兰',
  buildingId: 'b3',
  units: [{ unitId: 'u201', label: '3栋1单元201', area: 89.5 }],
  area: 89.5,
};

/** The paper page's use of it: the sheet found is shown back, and reported to the recording below. */
function Harness({ onFound }: { onFound(sheet: BallotSheetView): void }) {
  const [found, setFound] = useState<BallotSheetView>();
  return (
    <SheetCodeLookup
      communityId="c1"
      topicId="t1"
      found={found}
      onFound={(s) => {
        setFound(s);
        onFound(s);
      }}
    />
  );
}

async function find(code: string) {
  fireEvent.change(screen.getByTestId('input-sheet-code'), { target: { value: code } });
  await act(async () => void fireEvent.click(screen.getByTestId('paper-sheet-find')));
}

describe('代录纸质票: 按表决票编码查找', () => {
  beforeEach(() => storeTokens());

  it('finds the seat a printed code names and hands it to the recording; a code of no seat says so in words', async () => {
    const log = fakeApi({
      'GET /me': makeMe({ grants: [{ role: 'committee', communityId: 'c1' }] }),
      // The code as typed from the paper (with its hyphen, in lower case) or as the contract normalises it.
      'GET /communities/c1/agora/topics/t1/sheets/k7mq-3xpa': wang,
      'GET /communities/c1/agora/topics/t1/sheets/K7MQ3XPA': wang,
    });
    const found: BallotSheetView[] = [];
    renderWithSession(<Harness onFound={(s) => found.push(s)} />);

    await find('ABCD-EFGH');
    expect((await screen.findByTestId('paper-sheet-error')).textContent).toContain(
      '没有找到编码为 ABCD-EFGH 的表决票：请核对纸质表决票上的 8 位编码',
    );
    expect(found).toEqual([]);

    await find('k7mq-3xpa');
    expect(found).toEqual([wang]);
    expect(log.at(-1)?.path).toMatch(/\/sheets\/(k7mq-3xpa|K7MQ3XPA)$/);
    expect(screen.queryByTestId('paper-sheet-error')).toBeNull();
    expect(screen.getByTestId('paper-sheet-found').textContent).toContain('K7MQ-3XPA：王秀兰');
    expect(screen.getByTestId('paper-sheet-found').textContent).toContain('3栋1单元201，专有部分面积合计 89.5 ㎡');
  });
});
