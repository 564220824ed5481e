import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ownerProxyRoutes, type OwnerProxyView } from '@linli/shared';
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
import { Photo as PhotoView } from '@/components/Photo/Photo';
import { IconText } from '@/components/Icon/IconText';
import { formatDateTime } from '@/lib/format';
import { readParam } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { pickPhoto, uploadPhoto } from '@/packages/agora/lib/photo';
import type { Photo } from '@/packages/agora/lib/photoTypes';
import { CHANNEL_WORDS, PROXY_STATE, spacedCode } from '@/packages/agora/lib/ownerProxy';
import '@/packages/agora/agora.scss';

interface Target {
  communityId: string;
  topicId: string;
}

/** The 委托码 comes once, in the nomination's answer (the server keeps only its hash): held here until the page closes. */
type IssuedCodes = Record<string, string>;

function ProxyState({ proxy, code }: { proxy: OwnerProxyView; code?: string }) {
  const state = PROXY_STATE[proxy.state];
  return (
    <View>
      <View className="agora__meta">
        <StatusTag tone={state.tone} testId="owner-proxy-state">
          {state.label}
        </StatusTag>
        <Text className="agora__text">
          受托人 {proxy.proxyName}（{proxy.proxyPhone}）
        </Text>
      </View>
      {proxy.note && <Text className="agora__fine">居委会说明：{proxy.note}</Text>}
      {code && !proxy.onApp && (
        <View data-testid="owner-proxy-code">
          <Text className="agora__text">委托码：{spacedCode(code)}</Text>
          <Text className="agora__hint">
            请把委托码告诉受托人：在邻里小程序 议事 → 议题 → 我受托的表决
            中输入后，即可代您投票。受托人不用手机的，由居委会代录其签字选票。
          </Text>
          <Text className="agora__fine">
            委托码只显示这一次，请现在记下；遗失的，撤销后重新委托即可得到新的委托码。
          </Text>
        </View>
      )}
      {!code && !proxy.onApp && (proxy.state === 'pending' || proxy.state === 'confirmed') && (
        <Text className="agora__fine">
          受托人尚未输入委托码。委托码只在提交委托时显示一次；遗失的，请撤销后重新委托。
        </Text>
      )}
      {proxy.used && <Text className="agora__fine">受托人已于 {formatDateTime(proxy.usedAt!)} 代为投票</Text>}
    </View>
  );
}

/** The nomination: the proxy's name and phone, and a photo of the signed 授权委托书. */
function NameForm({
  target,
  ownerId,
  done,
}: {
  target: Target;
  ownerId: string;
  done: (named: OwnerProxyView) => Promise<void>;
}) {
  const [photo, setPhoto] = useState<Photo>();
  const [missing, setMissing] = useState<string>();
  const form = useForm({ proxyName: '', proxyPhone: '' }, async (values) => {
    if (!photo) return setMissing('请先拍摄签字的授权委托书');
    setMissing(undefined);
    const upload = await call(ownerProxyRoutes.createUpload, {
      params: target,
      body: { contentType: photo.contentType, size: photo.size },
    });
    await uploadPhoto(upload, photo);
    await done(
      await call(ownerProxyRoutes.name, { params: target, body: { ownerId, ...values, documentKey: upload.key } }),
    );
  });
  return (
    <View data-testid="owner-proxy-form">
      <TextField
        label="受托人姓名"
        required
        maxLength={20}
        {...form.field('proxyName')}
        testId="field-proxy-name"
        inputTestId="input-proxy-name"
      />
      <TextField
        label="受托人手机号"
        required
        maxLength={13}
        {...form.field('proxyPhone')}
        testId="field-proxy-phone"
        inputTestId="input-proxy-phone"
      />
      <Text className="agora__hint">授权委托书须写明委托人、受托人、委托的表决事项和期限，由业主签字。</Text>
      {photo ? (
        <PhotoView src={photo.preview} mode="widthFix" alt="授权委托书照片" />
      ) : (
        <StatusTag tone="warning">尚未拍摄授权委托书</StatusTag>
      )}
      <View className="agora__actions">
        <ActionButton
          size="small"
          variant="secondary"
          onClick={() => void pickPhoto().then((p) => p && setPhoto(p))}
          testId="owner-proxy-photo"
        >
          {photo ? '重拍' : '拍摄授权委托书'}
        </ActionButton>
      </View>
      {(missing ?? form.error) && (
        <Text className="agora__error" data-testid="owner-proxy-error" aria-live="assertive">
          {missing ?? form.error}
        </Text>
      )}
      <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="owner-proxy-submit">
        提交委托
      </ActionButton>
    </View>
  );
}

function OwnerProxies({ target }: { target: Target }) {
  const mine = useAsync(() => call(ownerProxyRoutes.mine, { params: target }), [target.communityId, target.topicId]);
  const [issued, setIssued] = useState<IssuedCodes>({});
  const named = async (proxy: OwnerProxyView) => {
    if (proxy.code) setIssued((was) => ({ ...was, [proxy.nominationId]: proxy.code! }));
    await mine.reload();
  };
  const revoke = useSubmit(async (ownerId: string) => {
    await call(ownerProxyRoutes.revoke, { params: { ...target, ownerId } });
    await mine.reload();
  });
  return (
    <AsyncView
      state={mine}
      testId="owner-proxy"
      isEmpty={(m) => m.seats.length === 0}
      empty={{ title: '您不是本次表决的业主', hint: '书面委托需以业主身份绑定范围内的房屋。' }}
    >
      {(m) => (
        <View>
          <Text className="agora__title">{m.poll.title}</Text>
          <Text className="agora__hint">
            依《民法典》第二百七十八条，业主可以书面委托他人代为表决。每位业主只计一票：本人投票、纸质票或受托人代投，先计入的有效，其余提交居委会核实。
          </Text>
          {m.seats.map((seat) => {
            const standing = seat.proxy && (seat.proxy.state === 'pending' || seat.proxy.state === 'confirmed');
            return (
              <Card key={seat.ownerId} title={seat.label} testId="owner-proxy-seat">
                {seat.voted && (
                  <IconText icon="check" className="agora__text" testId="owner-proxy-voted">
                    已投票（{CHANNEL_WORDS[seat.channel ?? 'online']}）
                  </IconText>
                )}
                {seat.proxy && <ProxyState proxy={seat.proxy} code={issued[seat.proxy.nominationId]} />}
                {standing && !seat.voted && m.poll.open && (
                  <View className="agora__actions">
                    <ActionButton
                      size="small"
                      variant="danger"
                      loading={revoke.busy}
                      onClick={() => void revoke.submit(seat.ownerId)}
                      testId="owner-proxy-revoke"
                    >
                      撤销委托
                    </ActionButton>
                  </View>
                )}
                {revoke.error && <Text className="agora__error">{revoke.error}</Text>}
                {!standing && !seat.voted && m.poll.open && (
                  <NameForm target={target} ownerId={seat.ownerId} done={named} />
                )}
                {!m.poll.open && !seat.voted && !standing && <Text className="agora__fine">表决未在进行中。</Text>}
              </Card>
            );
          })}
        </View>
      )}
    </AsyncView>
  );
}

/** 委托投票 (业主): name a proxy for this owners' vote with the signed document, see its state, revoke it. */
export default function OwnerProxyPage() {
  const { params } = useRouter();
  const session = useSession();
  const communityId = readParam(params.communityId) ?? session.communityId ?? '';
  const topicId = readParam(params.topicId) ?? '';
  return (
    <Page testId="page-agora-owner-proxy">
      <OwnerProxies target={{ communityId, topicId }} />
    </Page>
  );
}
