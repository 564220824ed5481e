import { act, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { ApiFailure } from '@/api/failure';
import { TextField } from '@/components/Field/TextField';
import { useForm } from './useForm';

interface Values {
  place: string;
  kind?: 'unit' | 'place';
  count: string;
}
const initial: Values = { place: '', count: '1' };

describe('useForm', () => {
  it('keeps the values in one store: one field, a patch, or a patch from the current values', () => {
    const { result } = renderHook(() => useForm(initial, async () => undefined));
    act(() => result.current.set('place', '东门'));
    act(() => result.current.set({ kind: 'place', count: '2' }));
    act(() => result.current.set((v) => ({ count: String(Number(v.count) + 1) })));
    expect(result.current.values).toEqual({ place: '东门', kind: 'place', count: '3' });
  });

  it('binds a field: value, onChange (the same handler across renders) and its 400 message', async () => {
    const action = jest.fn(async (_v: Values) => {
      throw new ApiFailure(400, 'VALIDATION', '请检查填写的内容', [
        { field: 'body.place', message: '请填写地点' },
        { field: 'body.location.kind', message: '请选择位置' },
      ]);
    });
    const { result } = renderHook(() => useForm(initial, action));
    const first = result.current.field('place').onChange;
    act(() => first('车棚'));
    expect(result.current.field('place').value).toBe('车棚');
    expect(result.current.field('place').onChange).toBe(first);
    await act(async () => void (await result.current.submit()));
    expect(action).toHaveBeenCalledWith({ place: '车棚', count: '1' });
    expect(result.current.field('place').error).toBe('请填写地点');
    expect(result.current.field('kind', 'body.location.kind').error).toBe('请选择位置');
    expect(result.current.field('count').error).toBeUndefined();
    expect(result.current.error).toBe('请检查填写的内容');
  });

  it('sends the values as they are when submitted, and resolves to the result', async () => {
    const { result } = renderHook(() => useForm(initial, async (v: Values) => `${v.place}×${v.count}`));
    act(() => result.current.set({ place: '3栋', count: '2' }));
    await act(async () => expect(await result.current.submit()).toBe('3栋×2'));
  });

  it('reset starts over from loaded values and clears the errors', async () => {
    const { result } = renderHook(() =>
      useForm(initial, () => Promise.reject(new ApiFailure(409, 'CONFLICT', '已被修改'))),
    );
    await act(async () => void (await result.current.submit()));
    expect(result.current.error).toBe('已被修改');
    act(() => result.current.reset({ place: '广场', count: '5' }));
    expect(result.current.values).toEqual({ place: '广场', count: '5' });
    expect(result.current.error).toBeUndefined();
  });

  it('brings the first field with an error into view after a failed submit, not before', async () => {
    const scrolled: Element[] = [];
    const scrollIntoView = jest.fn(function (this: Element) {
      scrolled.push(this);
    });
    Element.prototype.scrollIntoView = scrollIntoView;
    function Form() {
      const form = useForm(initial, async () => {
        throw new ApiFailure(400, 'VALIDATION', '请检查填写的内容', [
          { field: 'body.count', message: '请填写数量' },
          { field: 'body.place', message: '请填写地点' },
        ]);
      });
      return (
        <>
          <TextField label="地点" {...form.field('place')} testId="field-place" />
          <TextField label="数量" {...form.field('count')} testId="field-count" />
          <button onClick={() => void form.submit()}>提交</button>
        </>
      );
    }
    render(<Form />);
    expect(scrollIntoView).not.toHaveBeenCalled();
    await act(async () => void fireEvent.click(screen.getByText('提交')));
    // The first on the page, whatever order the server listed them in.
    expect(scrolled).toEqual([screen.getByTestId('field-place')]);
  });
});
