import { render, screen } from '@testing-library/react';
import { BindingStatusTag } from './index';

describe('<BindingStatusTag>', () => {
  it.each([
    ['pending', '待审核', 'status-tag--warning'],
    ['approved', '已通过', 'status-tag--success'],
    ['rejected', '已驳回', 'status-tag--danger'],
  ] as const)('%s reads %s', (status, label, tone) => {
    render(<BindingStatusTag status={status} testId="tag" />);
    const tag = screen.getByTestId('tag');
    expect(tag.textContent).toBe(label);
    expect(tag.className).toContain(tone);
  });
});
