import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { TextField } from './TextField';

function Box({ initial = '' }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <TextField
      label="问题描述"
      multiline
      maxLength={500}
      value={value}
      onChange={setValue}
      testId="field-d"
      inputTestId="d"
    />
  );
}

describe('TextField: a bounded text box says what its limit does', () => {
  it('counts the characters used', () => {
    render(<Box />);
    expect(screen.getByTestId('field-d-counter').textContent).toBe('0/500');
    fireEvent.change(screen.getByTestId('d'), { target: { value: '楼道灯坏了' } });
    expect(screen.getByTestId('field-d-counter').textContent).toBe('5/500');
    expect(screen.queryByText(/超出的部分没有填入/)).toBeNull();
  });

  it('says so when the box is full, where the rest was cut', () => {
    render(<Box />);
    // What the real box keeps of a longer paste: its first 500 characters.
    fireEvent.change(screen.getByTestId('d'), { target: { value: '字'.repeat(500) } });
    expect(screen.getByTestId('field-d-counter').textContent).toBe('500/500');
    expect(screen.getByText('最多 500 字，超出的部分没有填入')).toBeTruthy();
    fireEvent.change(screen.getByTestId('d'), { target: { value: '字'.repeat(499) } });
    expect(screen.queryByText(/超出的部分没有填入/)).toBeNull();
  });

  it('has no counter on a one-line field', () => {
    render(<TextField label="地点" value="" onChange={() => undefined} maxLength={20} testId="field-p" />);
    expect(screen.queryByTestId('field-p-counter')).toBeNull();
  });
});
