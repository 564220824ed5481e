import Taro from '@tarojs/taro';
import { act, fireEvent, screen } from '@testing-library/react';
import {
  merkleLevels,
  merkleProof,
  merkleRoot,
  receiptLeaf,
  sha256,
  type ReceiptCheckView,
  type ResultView,
  type TopicView,
} from '@linli/shared';
import { fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import { ballotListCsv } from './lib/ballotList';
import { keepChoice } from './lib/receipts';
import ReceiptPage from './pages/receipt/index';

const RECEIPT = 'ABCDEFGHJKLM';
const leaves = [RECEIPT, 'BCDEFGHJKLMN', 'CDEFGHJKLMNP', 'DEFGHJKLMNPQ']
  .map((r) => receiptLeaf(sha256, 't1', r))
  .sort();
const levels = merkleLevels(sha256, leaves);
const root = merkleRoot(levels);
const leaf = receiptLeaf(sha256, 't1', RECEIPT);
const proof = { leaf, root, steps: merkleProof(levels, leaves.indexOf(leaf)) };

const topic = (published: boolean, publishedRoot = root) =>
  ({
    topicId: 't1',
    title: '3栋加装电梯',
    stage: published ? 'published' : 'voting',
    ...(published
      ? {
          result: {
            countedAt: '2026-11-29T01:00:00.000Z',
            receiptRoot: { root: publishedRoot, leaves: 4, construction: 'SHA-256' },
          } as Partial<ResultView>,
        }
      : {}),
  }) as unknown as TopicView;

function mount(view: TopicView, answer: ReceiptCheckView) {
  fakeApi({
    'GET /me': makeMe({ grants: [{ role: 'resident', communityId: 'c1' }] }),
    'GET /communities/c1/agora/topics/t1': view,
    [`GET /communities/c1/agora/topics/t1/receipts/${RECEIPT}`]: answer,
  });
  renderWithSession(<ReceiptPage />);
}

async function check() {
  await screen.findByTestId('input-receipt');
  await act(async () => {
    fireEvent.click(screen.getByTestId('receipt-check'));
  });
  return screen.findByTestId('receipt-result');
}

describe('核验选票 page', () => {
  beforeEach(() => {
    storeTokens();
    Taro.removeStorageSync('linli.agora.choices');
    Taro.setStorageSync('linli.agora.receipts', { t1: [RECEIPT] });
    (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams({
      communityId: 'c1',
      topicId: 't1',
    });
  });

  it('during voting says the ballot is in the box, and shows no choice of a secret ballot', async () => {
    mount(topic(false), { receipt: RECEIPT, secrecy: 'secret', status: 'inBox', at: '2026-11-29T01:00:00.000Z' });
    const result = await check();
    expect(screen.getByTestId('receipt-status').textContent).toBe('已收到，截止后计票');
    expect(result.textContent).not.toMatch(/同意|选择：/);
    expect(screen.queryByTestId('receipt-proof')).toBeNull();
  });

  it('after close verifies the proof on the phone against the published root: 已计入 ✓', async () => {
    mount(topic(true), {
      receipt: RECEIPT,
      secrecy: 'secret',
      status: 'counted',
      at: '2026-11-29T01:00:00.000Z',
      proof,
    });
    await check();
    expect(screen.getByTestId('receipt-status').textContent).toBe('已计入');
    expect((await screen.findByTestId('receipt-proof')).textContent).toContain('在公示的 4 张选票之中');
  });

  it('refuses a proof that does not lead to the published root, or that is another receipt’s', async () => {
    mount(
      topic(
        true,
        root.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
      ),
      {
        receipt: RECEIPT,
        secrecy: 'secret',
        status: 'counted',
        proof,
      },
    );
    await check();
    expect((await screen.findByTestId('receipt-proof-failed')).textContent).toContain('本机验证未通过');
    expect(screen.queryByTestId('receipt-proof')).toBeNull();
  });

  it('shows the choice the voter kept on this phone, and the choice of an open ballot from the server', async () => {
    keepChoice(RECEIPT, ['同意']);
    mount(topic(true), { receipt: RECEIPT, secrecy: 'secret', status: 'counted', proof });
    await check();
    expect((await screen.findByTestId('receipt-kept-choice')).textContent).toContain('同意');
  });

  it('says when no ballot has the code', async () => {
    mount(topic(false), { receipt: RECEIPT, secrecy: 'secret', status: 'notCounted' });
    await check();
    expect(screen.getByTestId('receipt-status').textContent).toBe('未计入');
    expect(screen.getByTestId('receipt-result').textContent).toContain('已改投、已作废');
  });
});

describe('选票清单 CSV', () => {
  const result = { receiptRoot: { root: 'ab'.repeat(32), leaves: 2, construction: 'SHA-256；"叶"' } } as ResultView;
  it('lists choices and weights without receipts for a secret ballot, with the root and the order', () => {
    const csv = ballotListCsv({
      topicId: 't1',
      title: '3栋加装电梯',
      result,
      order: '按核验码的密钥散列排序',
      ballots: [
        { choices: ['同意'], heads: 1, area: 98.5 },
        { choices: ['不同意'], heads: 1, area: 120 },
      ],
    });
    expect(csv.split('\n')).toEqual([
      `核验根（SHA-256 默克尔根）,${'ab'.repeat(32)}`,
      '核验根构造,"SHA-256；""叶"""',
      '排序,按核验码的密钥散列排序',
      '',
      '选择,票数,面积（㎡）',
      '同意,1,98.5',
      '不同意,1,120',
    ]);
  });
  it('keeps the receipts of an open ballot', () => {
    const csv = ballotListCsv({
      topicId: 't1',
      title: 't',
      result,
      order: 'x',
      ballots: [{ receipt: RECEIPT, choices: ['同意'], heads: 1, area: 0 }],
    });
    expect(csv.split('\n').slice(-2)).toEqual(['核验码,选择,票数,面积（㎡）', `${RECEIPT},同意,1,0`]);
  });
});
