import { render, screen, within } from '@testing-library/react';
import { BarChart, ColumnChart, ProgressBar, StackedBar, percentText, scaleMax } from '.';

const shares = (elements: HTMLElement[]) => elements.map((e) => Number(e.getAttribute('data-share')));

describe('BarChart', () => {
  it('draws each bar in proportion to the largest value, with label and value', () => {
    render(
      <BarChart
        data={[
          { label: '一网格', value: 240 },
          { label: '二网格', value: 120 },
          { label: '三网格', value: 60, hint: '未指派网格员' },
        ]}
        unit="户"
        testId="grids"
      />,
    );
    expect(shares(screen.getAllByTestId('grids-bar'))).toEqual([100, 50, 25]);
    const rows = screen.getAllByTestId('grids-row');
    expect(within(rows[0]!).getByText('一网格')).toBeTruthy();
    expect(within(rows[0]!).getByText('240户')).toBeTruthy();
    expect(within(rows[2]!).getByText('未指派网格员')).toBeTruthy();
    expect((screen.getAllByTestId('grids-bar')[1] as HTMLElement).style.width).toBe('50%');
  });

  it('scales to a given max (percentages) and never overflows', () => {
    render(
      <BarChart
        data={[
          { label: '满意', value: 80 },
          { label: '超出', value: 130 },
        ]}
        max={100}
        unit="%"
        testId="rate"
      />,
    );
    expect(shares(screen.getAllByTestId('rate-bar'))).toEqual([80, 100]);
    expect(screen.getByText('80%')).toBeTruthy();
  });

  it('draws a part inside the whole and shows "part / whole"', () => {
    render(
      <BarChart
        data={[{ label: '3栋', value: 40, part: 10 }]}
        unit="户"
        partLabel="已投票"
        valueLabel="应投"
        testId="turnout"
      />,
    );
    expect(shares(screen.getAllByTestId('turnout-part'))).toEqual([25]);
    expect(screen.getByText('10 / 40户')).toBeTruthy();
    expect(screen.getByText('已投票')).toBeTruthy();
  });

  it('says when there is nothing to draw', () => {
    render(<BarChart data={[]} emptyText="还没有网格" testId="grids" />);
    expect(screen.getByTestId('grids-empty').textContent).toContain('还没有网格');
  });

  it('treats zero and negative values as empty bars', () => {
    render(
      <BarChart
        data={[
          { label: 'A', value: 0 },
          { label: 'B', value: -3 },
        ]}
        testId="z"
      />,
    );
    expect(shares(screen.getAllByTestId('z-bar'))).toEqual([0, 0]);
  });
});

describe('StackedBar', () => {
  it('splits the bar by share and labels each part with value and percent', () => {
    render(
      <StackedBar
        segments={[
          { label: '已绑定', value: 30 },
          { label: '未绑定', value: 90 },
        ]}
        unit="户"
        testId="bound"
      />,
    );
    expect(shares(screen.getAllByTestId('bound-segment'))).toEqual([25, 75]);
    const legend = screen.getAllByTestId('bound-legend').map((e) => e.textContent);
    expect(legend).toEqual(['已绑定 30户（25%）', '未绑定 90户（75%）']);
  });

  it('leaves the rest of the bar empty when the total is larger than the parts', () => {
    render(
      <StackedBar
        segments={[
          { label: '赞成', value: 20 },
          { label: '反对', value: 5 },
        ]}
        total={100}
        testId="votes"
      />,
    );
    expect(shares(screen.getAllByTestId('votes-segment'))).toEqual([20, 5]);
  });
});

describe('ColumnChart', () => {
  it('draws column heights against the largest value and labels the axis', () => {
    render(
      <ColumnChart
        data={[
          { label: '9月', value: 10 },
          { label: '10月', value: 40 },
          { label: '11月', value: 20 },
        ]}
        unit="分"
        testId="balance"
      />,
    );
    expect(shares(screen.getAllByTestId('balance-bar'))).toEqual([25, 100, 50]);
    expect(screen.getByText('10月')).toBeTruthy();
    expect(screen.getByText('40分')).toBeTruthy();
  });
});

describe('ProgressBar', () => {
  it('shows written / total with a percentage', () => {
    render(<ProgressBar value={120} total={300} label="已写入" unit=" 条" testId="p" />);
    expect(screen.getByTestId('p-text').textContent).toContain('已写入 120 / 300 条（40%）');
    expect((screen.getByTestId('p-fill') as HTMLElement).style.width).toBe('40%');
  });
});

describe('scale helpers', () => {
  it('never divides by zero and reports slivers as <1%', () => {
    expect(scaleMax([0, 0])).toBe(1);
    expect(percentText(1, 1000)).toBe('<1%');
    expect(percentText(0, 0)).toBe('0%');
    expect(percentText(1, 3)).toBe('33%');
    expect(percentText(1, 30)).toBe('3.3%');
  });
});
