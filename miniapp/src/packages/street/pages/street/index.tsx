import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { streetsApi, streetWideRoutes, type StreetAuditView, type StreetView } from '@linli/shared';
import { call, messageOf } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { useForm } from '@/hooks/useForm';
import { ROUTES, withQuery } from '@/routes';
import '@/packages/street/street.scss';

/** 街道工作台, in this subpackage (kept out of the main package's route table, which is at its size budget). */
const CONSOLE_PAGE = '/packages/street/pages/console/index';

/** 新建社区: name, address and the county's region code (the street's, filled in). */
function NewCommunity({ street, onCreated }: { street: StreetView; onCreated(): void }) {
  const blank = { name: '', address: '', regionCode: street.regionCode };
  const form = useForm(blank, async (values) => {
    await call(streetsApi.createCommunity, { params: { streetId: street.streetId }, body: values });
    form.reset(blank);
    onCreated();
    void Taro.showToast({ title: '社区已创建', icon: 'none' });
  });
  const formError = Object.keys(form.errors).length ? undefined : form.error;
  return (
    <Card title="新建社区" testId="community-new">
      <Text className="street__intro">
        新社区带默认设置（诉求类别与办理时限、积分规则、议事附议门槛、隐私说明），居委会可随时修改。
      </Text>
      <TextField
        label="社区名称"
        required
        maxLength={30}
        placeholder="例如 幸福里社区"
        {...form.field('name')}
        inputTestId="input-community-name"
      />
      <TextField
        label="社区地址"
        required
        maxLength={100}
        placeholder="居委会办公地址"
        {...form.field('address')}
        inputTestId="input-community-address"
      />
      <TextField
        label="区划代码"
        required
        maxLength={6}
        type="number"
        hint={`与${street.name}相同的区县代码`}
        {...form.field('regionCode')}
        inputTestId="input-community-region"
      />
      {formError && (
        <Text className="street__error" aria-live="assertive" data-testid="community-new-error">
          {formError}
        </Text>
      )}
      <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="community-create">
        创建社区
      </ActionButton>
    </Card>
  );
}

/** 街道通知 lives in this subpackage; its path stays out of `ROUTES` (the main package's budget). */
const NOTICES_PAGE = '/packages/street/pages/notices/index';
/** 街道操作记录, likewise. */
const LOG_PAGE = '/packages/street/pages/log/index';
const TOPICS_PAGE = '/packages/street/pages/topics/index';

/** 通存通兑对账: every community's ledger audit, and the settlement accounts cancelling across the street. */
function StreetAudit({ streetId }: { streetId: string }) {
  const [report, setReport] = useState<StreetAuditView>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      setReport(await call(streetWideRoutes.runStreetAudit, { params: { streetId } }));
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="时间银行通存通兑" testId="street-audit">
      <Text className="street__intro">
        居民可把积分捐给本街道其他社区。对账核对每个社区的账本，并核对社区之间的结算账户两两相抵（全街道零和）。
      </Text>
      {report && (
        <Text
          className={report.passed ? 'street__meta' : 'street__error'}
          aria-live="polite"
          data-testid="street-audit-result"
        >
          {report.passed ? '对账通过' : '对账未通过'}：{report.communities.length} 个社区，不符 {report.mismatches}{' '}
          处，低于零 {report.belowZero} 个账户，结算合计 {report.settlementTotal}
        </Text>
      )}
      {report?.communities.map((c) => (
        <Text key={c.communityId} className="street__meta" style={{ display: 'block' }}>
          {c.name}：{c.passed ? '账平' : '有差异'} · 结算净额{' '}
          {c.settlementNet > 0 ? `应付 ${c.settlementNet}` : c.settlementNet < 0 ? `应收 ${-c.settlementNet}` : '0'}
        </Text>
      ))}
      <View className="street__actions">
        <ActionButton
          size="small"
          variant="secondary"
          loading={busy}
          onClick={() => void run()}
          testId="street-audit-run"
        >
          街道对账
        </ActionButton>
      </View>
    </Card>
  );
}

/** 街道管理: a street's communities, a new community, and the way to invite each community's staff. */
export default function StreetPage() {
  const streetId = useRouter().params.streetId ?? '';
  const state = useAsync(() => call(streetsApi.getStreet, { params: { streetId } }), [streetId]);
  const invite = (communityId?: string) =>
    void Taro.navigateTo({ url: withQuery(ROUTES.street.invite, { streetId, communityId }) });
  return (
    <Page testId="page-street">
      <AsyncView state={state} testId="street">
        {({ street, communities }) => (
          <>
            <Card title={street.name} testId="street-info">
              <Text className="street__meta">
                {street.district} · 区划代码 {street.regionCode} · {communities.length} 个社区
              </Text>
              <View className="street__actions">
                <ActionButton
                  size="small"
                  onClick={() => void Taro.navigateTo({ url: withQuery(CONSOLE_PAGE, { streetId }) })}
                  testId="street-console"
                >
                  街道工作台
                </ActionButton>
                <ActionButton size="small" variant="secondary" onClick={() => invite()} testId="street-invite-office">
                  邀请街道工作人员
                </ActionButton>
                <ActionButton
                  size="small"
                  onClick={() => void Taro.navigateTo({ url: withQuery(NOTICES_PAGE, { streetId }) })}
                  testId="street-notices"
                >
                  街道通知
                </ActionButton>
                <ActionButton
                  size="small"
                  variant="secondary"
                  onClick={() => void Taro.navigateTo({ url: withQuery(LOG_PAGE, { streetId }) })}
                  testId="street-log-open"
                >
                  操作记录
                </ActionButton>
                <ActionButton
                  size="small"
                  onClick={() => void Taro.navigateTo({ url: withQuery(TOPICS_PAGE, { streetId }) })}
                  testId="street-topics"
                >
                  街道议事
                </ActionButton>
              </View>
            </Card>
            <Card title="所辖社区" testId="street-communities">
              {communities.length === 0 ? (
                <Text className="muted" data-testid="street-communities-empty">
                  还没有社区。在下方新建第一个社区。
                </Text>
              ) : (
                communities.map((c) => (
                  <View key={c.communityId} className="street__row" data-testid={`community-${c.name}`}>
                    <View className="street__row-text">
                      <Text className="street__name">{c.name}</Text>
                      <Text className="street__meta">
                        {c.address ?? ''} · {c.unitCount} 户
                      </Text>
                    </View>
                    <ActionButton
                      size="small"
                      onClick={() => invite(c.communityId)}
                      testId={`community-invite-${c.name}`}
                    >
                      邀请居委会
                    </ActionButton>
                  </View>
                ))
              )}
            </Card>
            {communities.length > 0 && <StreetAudit streetId={street.streetId} />}
            <NewCommunity street={street} onCreated={() => void state.reload()} />
          </>
        )}
      </AsyncView>
    </Page>
  );
}
