import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { ownerProxyRoutes, type HeldProxyView } from '@linli/shared';
import { call } from '@/api';
import { useForm } from '@/hooks/useForm';
import { useSubmit } from '@/hooks/useSubmit';
import { useAsync } from '@/hooks/useAsync';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { IconText } from '@/components/Icon/IconText';
import { formatDateTime } from '@/lib/format';
import { readParam } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { BallotForm } from '@/packages/agora/components/BallotForm';
import { CopyReceipt } from '@/packages/agora/components/CopyReceipt';
import { newRequestId } from '@/packages/agora/lib/format';
import { PROXY_STATE } from '@/packages/agora/lib/ownerProxy';
import '@/packages/agora/agora.scss';

type Held = HeldProxyView;

/**
 * The ballot a proxy casts for the owner; the choice shows once, from what this phone sent. The list is not
 * reloaded after the cast, so this screen stays until the proxy leaves it.
 */
function ProxyBallot({ communityId, item }: { communityId: string; item: Held }) {
  const requestId = useRef(newRequestId());
  const [cast, setCast] = useState<{ receipt: string; labels: string[] }>();
  const send = useSubmit(async (choices: string[]) => {
    const res = await call(ownerProxyRoutes.cast, {
      params: { communityId, topicId: item.poll.topicId, ownerId: item.proxy.ownerId },
      body: { choices, requestId: requestId.current },
    });
    const labels = item.poll.ballot.options.filter((o) => choices.includes(o.optionId)).map((o) => o.label);
    setCast({ receipt: res.receipt, labels: labels.length ? labels : ['弃权'] });
  });
  if (cast)
    return (
      <View data-testid="proxy-cast-done">
        <IconText icon="check" className="agora__text">
          已代 {item.proxy.ownerLabel} 投票：{cast.labels.join('、')}
        </IconText>
        <Text className="agora__hint">
          {item.poll.secrecy === 'secret'
            ? '选择只在此显示一次，服务器不保存投票人与选择的对应关系。核验码只证明这张票已计入。'
            : '本次为实名表决，公示结果会列出各选项的投票人。'}
        </Text>
        <CopyReceipt receipt={cast.receipt} />
      </View>
    );
  return (
    <BallotForm
      vote={item.poll}
      busy={send.busy}
      error={send.error}
      onCast={(c) => void send.submit(c)}
      submitLabel="代业主投票"
    />
  );
}

function HeldProxies({ communityId, initialCode }: { communityId: string; initialCode?: string }) {
  const held = useAsync(() => call(ownerProxyRoutes.forMe, { params: { communityId } }), [communityId]);
  const claim = useForm({ code: initialCode ?? '' }, async (values) => {
    await call(ownerProxyRoutes.claim, { params: { communityId }, body: values });
    claim.reset({ code: '' });
    await held.reload();
  });
  return (
    <View>
      <Card title="接受委托" testId="proxy-claim">
        <Text className="agora__hint">业主把委托码交给您后，在这里输入，即可代其投票（居委会核验委托书后）。</Text>
        <TextField
          label="委托码"
          required
          maxLength={12}
          {...claim.field('code')}
          testId="field-proxy-code"
          inputTestId="input-proxy-code"
        />
        {claim.error && (
          <Text className="agora__error" aria-live="assertive">
            {claim.error}
          </Text>
        )}
        <ActionButton block loading={claim.busy} onClick={() => void claim.submit()} testId="proxy-claim-submit">
          接受委托
        </ActionButton>
      </Card>
      <AsyncView
        state={held}
        testId="proxy-votes"
        isEmpty={(h) => h.items.length === 0}
        empty={{ title: '暂无受托的表决', hint: '业主委托您后，输入委托码即可在这里代其投票。' }}
      >
        {(h) => (
          <View>
            {h.items.map((item) => {
              const state = PROXY_STATE[item.proxy.state];
              return (
                <Card key={`${item.poll.topicId}|${item.proxy.ownerId}`} title={item.poll.title} testId="proxy-vote">
                  <View className="agora__meta">
                    <StatusTag tone={state.tone}>{state.label}</StatusTag>
                    <Text className="agora__text">
                      代 {item.proxy.ownerLabel}（{item.proxy.namedByName} 委托）
                    </Text>
                  </View>
                  {item.proxy.used ? (
                    <IconText icon="check" className="agora__text">
                      已于 {formatDateTime(item.proxy.usedAt!)} 代为投票
                    </IconText>
                  ) : item.proxy.state === 'pending' ? (
                    <Text className="agora__fine">委托书正在由居委会核验，确认后即可投票。</Text>
                  ) : item.proxy.state === 'confirmed' && item.poll.open ? (
                    <ProxyBallot communityId={communityId} item={item} />
                  ) : (
                    <Text className="agora__fine">
                      {item.poll.open ? '该委托已失效，不能代为投票。' : '表决未在进行中。'}
                    </Text>
                  )}
                </Card>
              );
            })}
          </View>
        )}
      </AsyncView>
    </View>
  );
}

/** 我受托的表决: owners' votes this person may cast for others (书面委托), and the 委托码 to accept one. */
export default function ProxyVotesPage() {
  const { params } = useRouter();
  const session = useSession();
  const communityId = readParam(params.communityId) ?? session.communityId ?? '';
  return (
    <Page testId="page-agora-proxy-votes">
      <HeldProxies communityId={communityId} initialCode={readParam(params.code)} />
    </Page>
  );
}
