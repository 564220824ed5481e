import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PARTICIPANTS, timebankRoutes, timebankStreetRoutes, type StreetFundsView } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { useForm } from '@/hooks/useForm';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import { newRequestId } from '@/packages/volunteer/lib/requestId';
import '@/packages/volunteer/volunteer.scss';

interface Draft {
  toCommunityId: string;
  amount: string;
  note: string;
  requestId: string;
}

/** The form: which community's 爱心基金, how many points, a note; one request id per donation. */
function DonateAcross({
  communityId,
  funds,
  balance,
  onDonated,
}: {
  communityId: string;
  funds: StreetFundsView;
  balance: number;
  onDonated(): void;
}) {
  const blank = (): Draft => ({
    toCommunityId: funds.communities[0]?.communityId ?? '',
    amount: '',
    note: '',
    requestId: newRequestId(),
  });
  const form = useForm(blank, async (d) => {
    const done = await call(timebankStreetRoutes.donateAcross, {
      params: { communityId },
      body: {
        toCommunityId: d.toCommunityId,
        to: 'fund',
        amount: Number(d.amount) || 0,
        note: d.note.trim() || undefined,
        requestId: d.requestId,
      },
    });
    form.reset(blank());
    onDonated();
    void Taro.showToast({ title: `已捐给${done.toCommunityName}爱心基金`, icon: 'none' });
  });
  const amount = form.field('amount');
  return (
    <Card title="捐赠积分" testId="street-donate-form">
      <ChoiceList
        layout="list"
        label="捐给哪个社区的爱心基金"
        options={funds.communities.map((c) => ({
          value: c.communityId,
          label: c.name,
          hint: `爱心基金现有 ${c.fund} 积分`,
        }))}
        {...form.bind('toCommunityId')}
        testId="street-donate-to"
      />
      <TextField
        label={`捐赠积分（余额 ${balance}）`}
        required
        type="number"
        {...amount}
        onChange={(v) => amount.onChange(v.replace(/\D/g, ''))}
        inputTestId="input-street-donate-amount"
      />
      <TextField label="留言（可不填）" maxLength={50} {...form.field('note')} inputTestId="input-street-donate-note" />
      {form.error && !Object.keys(form.errors).length && (
        <Text className="vol__error" aria-live="assertive" data-testid="street-donate-error">
          {form.error}
        </Text>
      )}
      <View className="vol__actions">
        <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="street-donate-submit">
          确认捐赠
        </ActionButton>
      </View>
    </Card>
  );
}

/**
 * 通存通兑: a resident gives points from her community to the 爱心基金 of another community of her street
 * (those that accept it). The points cross through the two communities' settlement accounts in one step.
 */
function StreetDonate({ communityId }: { communityId: string }) {
  const state = useAsync(
    () =>
      Promise.all([
        call(timebankStreetRoutes.streetFunds, { params: { communityId } }),
        call(timebankRoutes.wallet, { params: { communityId }, query: { limit: 1 } }),
      ]),
    [communityId],
  );
  return (
    <AsyncView state={state} testId="street-donate">
      {([funds, wallet]) =>
        funds.communities.length === 0 ? (
          <Card testId="street-donate-empty">
            <Text className="muted">
              {funds.streetName
                ? `${funds.streetName}暂时没有其他社区接受跨社区捐赠。`
                : '本社区还没有加入街道，暂不能跨社区捐赠。'}
            </Text>
          </Card>
        ) : (
          <View>
            <Card testId="street-donate-intro">
              <Text className="vol__note">
                积分可以捐给{funds.streetName}其他社区的爱心基金，由那个社区的居委会统一帮扶困难邻里。
              </Text>
            </Card>
            <DonateAcross
              communityId={communityId}
              funds={funds}
              balance={wallet.balance}
              onDonated={() => void state.reload()}
            />
          </View>
        )
      }
    </AsyncView>
  );
}

export default function StreetDonatePage() {
  return (
    <Page testId="page-street-donate">
      <RoleGate roles={PARTICIPANTS} hint="绑定房屋的居民可以使用积分。">
        {(communityId) => <StreetDonate communityId={communityId} />}
      </RoleGate>
    </Page>
  );
}
