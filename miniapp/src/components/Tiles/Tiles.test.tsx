import { fireEvent, render, screen } from '@testing-library/react';
import { Tiles } from './index';

describe('<Tiles>', () => {
  it('shows each entry with its icon and label, in the grid asked for, and opens it on tap', () => {
    const open = jest.fn();
    render(
      <Tiles
        columns={4}
        testId="tools"
        items={[
          { key: 'wallet', icon: 'wallet', label: '我的积分', onClick: () => open('wallet'), testId: 'tool-wallet' },
          { key: 'mall', icon: 'gift', label: '积分兑换', onClick: () => open('mall'), testId: 'tool-mall' },
        ]}
      />,
    );
    expect(screen.getByTestId('tools').className).toBe('tiles tiles--4');
    const wallet = screen.getByTestId('tool-wallet');
    expect(wallet.textContent).toBe('我的积分');
    expect(wallet.getAttribute('aria-label')).toBe('我的积分');
    expect(wallet.querySelector('.tiles__icon.icon--wallet')?.getAttribute('aria-hidden')).toBeTruthy();
    fireEvent.click(screen.getByTestId('tool-mall'));
    expect(open).toHaveBeenCalledWith('mall');
  });

  it('adds the line under the label and what the page pins to the corner', () => {
    render(
      <Tiles
        items={[
          { key: 'a', icon: 'grievance', label: '诉求', text: '反映问题', onClick: () => {}, testId: 'a' },
          {
            key: 'b',
            icon: 'check',
            label: '绑定审核',
            corner: <span data-testid="badge">3</span>,
            onClick: () => {},
            testId: 'b',
          },
        ]}
      />,
    );
    expect(screen.getByTestId('a').textContent).toBe('诉求反映问题');
    expect(screen.getByTestId('b').querySelector('[data-testid=badge]')?.textContent).toBe('3');
    expect(screen.getByTestId('a').parentElement?.className).toBe('tiles tiles--fill');
  });
});
