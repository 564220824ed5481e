import { fireEvent, screen } from '@testing-library/react';
import { act } from 'react';
import { fakeApi, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import { Comments } from './Comments';

describe('征询 comments', () => {
  beforeEach(() => storeTokens());

  it('says why 发表 with nothing written does nothing, and sends nothing', async () => {
    const log = fakeApi({ 'GET /communities/c1/agora/topics/t1/comments': { items: [] } });
    renderWithSession(<Comments communityId="c1" topicId="t1" canComment />);
    await screen.findByText('还没有意见');
    await act(async () => void fireEvent.click(screen.getByTestId('comment-submit')));
    expect(screen.getByTestId('field-comment-error').textContent).toBe('请先写下您的意见，再点发表');
    expect(log.some((r) => r.method === 'POST')).toBe(false);
    // Writing something takes the message away.
    fireEvent.change(screen.getByTestId('input-comment'), { target: { value: '同意加装' } });
    expect(screen.queryByTestId('field-comment-error')).toBeNull();
  });
});
