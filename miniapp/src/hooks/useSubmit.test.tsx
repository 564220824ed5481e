import { act, renderHook } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ApiFailure, NETWORK_MESSAGE } from '@/api/failure';
import { toastError, useSubmit } from './useSubmit';

const invalid = () =>
  new ApiFailure(400, 'VALIDATION', '请检查填写的内容', [
    { field: 'body.amount', message: '请输入积分' },
    { field: 'body.note', message: '留言最多 50 字' },
  ]);

/** A promise the test settles when it wants, to look at the hook while the action is in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useSubmit', () => {
  it('is busy while the action runs and resolves to its result', async () => {
    const pending = deferred<number>();
    const { result } = renderHook(() => useSubmit(() => pending.promise));
    let answer: Promise<number | undefined>;
    act(() => {
      answer = result.current.submit();
    });
    expect(result.current.busy).toBe(true);
    await act(async () => pending.resolve(42));
    expect(await answer!).toBe(42);
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBeUndefined();
  });

  it('puts a 400 by field and says the rest in one line; the next attempt starts clean', async () => {
    const action = jest.fn().mockRejectedValueOnce(invalid()).mockResolvedValueOnce('ok');
    const { result } = renderHook(() => useSubmit(action));
    await act(async () => expect(await result.current.submit()).toBeUndefined());
    expect(result.current.errors).toEqual({ 'body.amount': '请输入积分', 'body.note': '留言最多 50 字' });
    expect(result.current.error).toBe('请检查填写的内容');
    expect(result.current.errorFor('body.reason', 'body.note')).toBe('留言最多 50 字');
    expect(result.current.errorFor('body.reason')).toBe('请检查填写的内容');
    await act(async () => expect(await result.current.submit()).toBe('ok'));
    expect(result.current.errors).toEqual({});
    expect(result.current.error).toBeUndefined();
  });

  it('tells onError (a toast) what went wrong, in words a person reads', async () => {
    const { result } = renderHook(() =>
      useSubmit(() => Promise.reject(new Error('request:fail timeout')), { onError: toastError }),
    );
    await act(async () => void (await result.current.submit()));
    expect(Taro.showToast).toHaveBeenCalledWith({ title: NETWORK_MESSAGE, icon: 'none' });
  });

  it('names the row in flight with key', async () => {
    const pending = deferred<void>();
    const { result } = renderHook(() => useSubmit((_row: { id: string }) => pending.promise, { key: (row) => row.id }));
    act(() => void result.current.submit({ id: 'r2' }));
    expect(result.current.busyKey).toBe('r2');
    await act(async () => pending.resolve());
    expect(result.current.busyKey).toBeUndefined();
  });

  it('lets the form reword field messages with the arguments it sent', async () => {
    const { result } = renderHook(() =>
      useSubmit((_choice?: string) => Promise.reject(invalid()), {
        explain: (errors, choice) => (choice ? errors : { ...errors, 'body.amount': '请先选择' }),
      }),
    );
    await act(async () => void (await result.current.submit(undefined)));
    expect(result.current.errors['body.amount']).toBe('请先选择');
    await act(async () => void (await result.current.submit('x')));
    expect(result.current.errors['body.amount']).toBe('请输入积分');
  });

  it('reset clears what the last attempt said', async () => {
    const { result } = renderHook(() => useSubmit(() => Promise.reject(invalid())));
    await act(async () => void (await result.current.submit()));
    act(() => result.current.reset());
    expect(result.current.errors).toEqual({});
    expect(result.current.error).toBeUndefined();
  });
});
