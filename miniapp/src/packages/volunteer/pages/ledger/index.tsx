import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  COMMITTEE,
  POSTING_KIND_LABELS,
  POSTING_KINDS,
  type PostingKind,
  type PostingView,
  type ResponseOf,
  timebankExportRoutes,
  timebankRoutes,
} from '@linli/shared';
import { call } from '@/api';
import { toastError, useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { StatTiles } from '@/components/charts';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { cx } from '@/lib/classNames';
import { openRemoteFile } from '@/lib/files/openRemoteFile';
import { formatDateTime } from '@/lib/format';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import { ExpirySettings } from './ExpirySettings';

const STREET_SETTINGS_PAGE = '/packages/volunteer/pages/street-settings/index';
import '@/packages/volunteer/volunteer.scss';
import { IconText } from '@/components/Icon/IconText';

type Audit = ResponseOf<typeof timebankRoutes.runAudit>;
const KINDS = [
  { value: 'all', label: '全部' },
  ...POSTING_KINDS.map((k) => ({ value: k, label: POSTING_KIND_LABELS[k] })),
];

function Posting({ p, onReverse }: { p: PostingView; onReverse(): void }) {
  return (
    <View className="vol__row" data-testid={`posting-${p.postingId}`}>
      <View className="vol__row-head">
        <Text className="vol__row-title">{p.memo}</Text>
        <StatusTag tone={p.kind === 'reversal' ? 'danger' : 'info'}>{POSTING_KIND_LABELS[p.kind]}</StatusTag>
      </View>
      <Text className="vol__note">
        {formatDateTime(p.at)} · {p.actor ?? '系统'} · {p.postingId}
      </Text>
      {p.entries.map((e) => (
        <View key={e.account} className="vol__row-head">
          <Text className="vol__line">{e.name}</Text>
          <Text className={cx('vol__line', e.amount > 0 ? 'vol__amount--plus' : 'vol__amount--minus')}>
            {e.amount > 0 ? `+${e.amount}` : e.amount} {e.unit === 'pt' ? '分' : '件'}
          </Text>
        </View>
      ))}
      {p.reversible && (
        <ActionButton size="small" variant="plain" onClick={onReverse} testId="posting-reverse">
          冲正
        </ActionButton>
      )}
    </View>
  );
}

function Ledger({ communityId }: { communityId: string }) {
  const [kind, setKind] = useState('all');
  const book = useAsync(
    () =>
      call(timebankRoutes.ledger, {
        params: { communityId },
        query: { kind: kind === 'all' ? undefined : (kind as PostingKind), limit: 20 },
      }),
    [communityId, kind],
  );
  const [audit, setAudit] = useState<Audit>();
  const [reversing, setReversing] = useState<PostingView>();
  const [reason, setReason] = useState('');

  // The toolbar's buttons (对账, 导出, 加载更多): which one is working, and a toast when it fails.
  const { submit: run, busyKey: busy } = useSubmit((_what: string, work: () => Promise<void>) => work(), {
    key: (what) => what,
    onError: toastError,
  });
  const exportLedger = () =>
    run('export', async () => {
      const file = await call(timebankExportRoutes.exportLedger, { params: { communityId }, body: {} });
      await openRemoteFile(file.url, file.fileName);
    });
  const more = (cursor: string) =>
    run('more', async () => {
      const next = await call(timebankRoutes.ledger, {
        params: { communityId },
        query: { kind: kind === 'all' ? undefined : (kind as PostingKind), limit: 20, cursor },
      });
      book.setData((cur) =>
        cur ? { ...cur, items: [...cur.items, ...next.items], nextCursor: next.nextCursor } : cur,
      );
    });
  const reverse = useSubmit(async (posting: PostingView) => {
    await call(timebankRoutes.reverse, { params: { communityId, postingId: posting.postingId }, body: { reason } });
    setReversing(undefined);
    setReason('');
    await book.reload();
  });

  return (
    <View>
      <AsyncView state={book} testId="ledger">
        {(b) => (
          <View>
            <Card testId="ledger-totals">
              <StatTiles
                tiles={[
                  { label: '流通积分', value: b.totals.pointsInCirculation, unit: '分' },
                  { label: '居民持有', value: b.totals.heldByResidents, unit: '分' },
                  { label: '爱心基金', value: b.totals.fund, unit: '分' },
                ]}
              />
              <View className="vol__actions">
                <ActionButton
                  size="small"
                  loading={busy === 'audit'}
                  onClick={() =>
                    void run('audit', async () =>
                      setAudit(await call(timebankRoutes.runAudit, { params: { communityId } })),
                    )
                  }
                  testId="ledger-audit"
                >
                  对账
                </ActionButton>
                <ActionButton
                  size="small"
                  variant="secondary"
                  loading={busy === 'export'}
                  onClick={() => void exportLedger()}
                  testId="ledger-export"
                >
                  导出 Excel
                </ActionButton>
              </View>
              {audit && (
                <View data-testid="audit-result">
                  <IconText icon={audit.passed ? 'check' : 'warning'} className="vol__line" testId="audit-verdict">
                    {audit.passed
                      ? `对账一致：${audit.postings} 笔记账、${audit.accounts} 个账户，全部由分录重算相符`
                      : `发现 ${audit.mismatches.length + audit.unbalanced.length + audit.belowZero.length} 处异常`}
                  </IconText>
                  {audit.mismatches.map((m) => (
                    <Text key={m.account} className="vol__error">
                      {m.name}：记录余额 {m.stored}，分录合计 {m.computed}
                    </Text>
                  ))}
                  {audit.unbalanced.map((u) => (
                    <Text key={u.postingId} className="vol__error">
                      {u.postingId}：{u.problem}
                    </Text>
                  ))}
                </View>
              )}
            </Card>
            <ChoiceList options={KINDS} value={kind} onChange={setKind} testId="ledger-kind" label="类型" />
            <Card title="记账明细" testId="ledger-postings">
              {b.items.length === 0 && <Text className="muted">没有符合条件的记录</Text>}
              {b.items.map((p) => (
                <Posting key={p.postingId} p={p} onReverse={() => setReversing(p)} />
              ))}
              {b.nextCursor && (
                <ActionButton
                  size="small"
                  variant="plain"
                  loading={busy === 'more'}
                  onClick={() => void more(b.nextCursor as string)}
                  testId="ledger-more"
                >
                  加载更多
                </ActionButton>
              )}
            </Card>
          </View>
        )}
      </AsyncView>
      <Card title="积分有效期">
        <ExpirySettings communityId={communityId} />
      </Card>
      <Card title="街道通存通兑" testId="ledger-street">
        <Text className="vol__note">是否接受同街道其他社区居民的捐赠和兑换，哪些项目向街道开放。</Text>
        <ActionButton
          size="small"
          variant="secondary"
          onClick={() => void Taro.navigateTo({ url: STREET_SETTINGS_PAGE })}
          testId="ledger-street-settings"
        >
          通存通兑设置
        </ActionButton>
      </Card>
      <Dialog
        open={!!reversing}
        title="冲正"
        danger
        busy={reverse.busy}
        confirmText="确认冲正"
        onConfirm={() => reversing && void reverse.submit(reversing)}
        onCancel={() => setReversing(undefined)}
        testId="reverse-dialog"
      >
        <Text className="vol__text">将以相反分录撤销“{reversing?.memo}”，原记录保留。</Text>
        <TextField
          label="冲正原因"
          value={reason}
          onChange={setReason}
          error={reverse.errorFor('body.reason')}
          testId="field-reason"
          inputTestId="input-reason"
        />
      </Dialog>
    </View>
  );
}

/** 积分账本 (居委会): totals, every posting with its entries, reversal, audit and .xlsx export, expiry policy. */
export default function LedgerPage() {
  return (
    <Page testId="page-ledger">
      <RoleGate roles={COMMITTEE} hint="只有居委会可以查看积分账本。">
        {(communityId) => <Ledger communityId={communityId} />}
      </RoleGate>
    </Page>
  );
}
