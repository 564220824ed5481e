import { render, screen } from '@testing-library/react';
import { StageTag } from './index';

describe('<StageTag>', () => {
  it('shows the server’s words in the stage’s colour', () => {
    render(<StageTag stage="voting" label="投票中" testId="stage" />);
    const tag = screen.getByTestId('stage');
    expect(tag.textContent).toBe('投票中');
    expect(tag.className).toContain('status-tag--success');
  });
});
