import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiFailure } from '@/api/failure';
import { useAsync } from '@/hooks/useAsync';
import { AsyncView } from './AsyncView';
import { PageState } from './PageState';

describe('PageState', () => {
  it('shows a spinner text while loading, and not the content', () => {
    render(
      <PageState state="loading">
        <p>内容</p>
      </PageState>,
    );
    expect(screen.getByTestId('state-loading').textContent).toContain('加载中');
    expect(screen.queryByText('内容')).toBeNull();
  });

  it('shows the server message and a retry button that calls onRetry', () => {
    const onRetry = jest.fn();
    render(
      <PageState
        state="error"
        error={new ApiFailure(503, 'UNAVAILABLE', '服务暂时繁忙，请稍后再试')}
        onRetry={onRetry}
      />,
    );
    expect(screen.getByTestId('state-error').textContent).toContain('服务暂时繁忙，请稍后再试');
    fireEvent.click(screen.getByText('重试'));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('offers no 重试 for a refusal (403), and says who to ask instead', () => {
    render(
      <PageState state="error" error={new ApiFailure(403, 'FORBIDDEN', '您没有权限进行此操作')} onRetry={jest.fn()} />,
    );
    expect(screen.getByTestId('state-error').textContent).toContain('您没有权限进行此操作');
    expect(screen.queryByText('重试')).toBeNull();
    expect(screen.getByTestId('state-who').textContent).toBe('如果您需要查看，请联系社区居委会或您所在网格的网格员。');
  });

  it('shows a readable message for errors that are not ours', () => {
    render(<PageState state="error" error={new Error('request:fail timeout')} />);
    expect(screen.getByTestId('state-error').textContent).toContain('网络不稳定，请重试');
  });

  it('shows the empty state with its next step', () => {
    const bind = jest.fn();
    render(
      <PageState
        state="empty"
        empty={{ title: '还没有房屋', hint: '绑定后可以投票', action: { label: '申请绑定', onClick: bind } }}
      />,
    );
    expect(screen.getByTestId('state-empty').textContent).toContain('还没有房屋');
    expect(screen.getByText('绑定后可以投票')).toBeTruthy();
    fireEvent.click(screen.getByText('申请绑定'));
    expect(bind).toHaveBeenCalled();
  });

  it('shows the content when ready', () => {
    render(
      <PageState state="ready">
        <p>内容</p>
      </PageState>,
    );
    expect(screen.getByText('内容')).toBeTruthy();
  });
});

function Numbers({ load }: { load: () => Promise<number[]> }) {
  const state = useAsync(load, []);
  return (
    <AsyncView state={state} isEmpty={(n) => n.length === 0} empty={{ title: '没有数字' }} testId="numbers">
      {(n) => <p>{n.join(',')}</p>}
    </AsyncView>
  );
}

describe('AsyncView', () => {
  it('goes loading → error, and 重试 loads again into the data', async () => {
    const load = jest.fn().mockRejectedValueOnce(ApiFailure.network()).mockResolvedValueOnce([1, 2, 3]);
    render(<Numbers load={load} />);
    expect(screen.getByTestId('numbers-loading')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('numbers-error').textContent).toContain('网络不稳定，请重试'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('numbers-retry'));
    });
    await waitFor(() => expect(screen.getByText('1,2,3')).toBeTruthy());
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shows the empty state for empty data', async () => {
    render(<Numbers load={() => Promise.resolve([])} />);
    await waitFor(() => expect(screen.getByTestId('numbers-empty').textContent).toContain('没有数字'));
  });
});
