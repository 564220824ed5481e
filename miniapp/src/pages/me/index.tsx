import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { RELATION_LABELS, ROLE_LABELS, identityApi } from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { Card } from '@/components/Card/Card';
import { Cell, CellGroup } from '@/components/Cell/Cell';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Dialog } from '@/components/Dialog/Dialog';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { env } from '@/config/env';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { ROUTES } from '@/routes';
import { WORKBENCH_ROLES } from '@/session/community';
import { useSession } from '@/session/SessionProvider';
import { useUnreadBadge } from '@/notifications/unreadBadge';
import { BindingList } from './BindingList';
import { LargeTextCell } from './LargeTextCell';
import { ProfileCard } from './ProfileCard';
import './index.scss';

/** 我的: profile, large text, households and binding requests, my data, signed-in devices, and the way into 工作台. */
export default function MePage() {
  const session = useSession();
  const { me } = session;
  const bindings = useAsync(() => call(identityApi.listMyBindings), [me?.userId], { enabled: !!me });
  const [deleting, setDeleting] = useState(false);
  const unread = useUnreadBadge(session.status === 'signedIn');

  useReshow(() => {
    void session.refreshMe();
    void bindings.reload();
  });

  const go = (url: string) => () => void Taro.navigateTo({ url });
  const isStaff = session.hasRole(...WORKBENCH_ROLES);

  const deleteAccount = useSubmit(async () => {
    await call(identityApi.deleteMe);
    session.forget();
    await Taro.reLaunch({ url: ROUTES.signIn });
    void Taro.showToast({ title: '账号已注销', icon: 'none' });
  });

  return (
    <Page testId="page-me">
      {me && (
        <>
          <ProfileCard me={me} />

          {session.roles.length > 0 && (
            <View className="me__roles" data-testid="me-roles">
              {session.roles.map((r) => (
                <StatusTag key={r} tone="info">
                  {ROLE_LABELS[r]}
                </StatusTag>
              ))}
            </View>
          )}

          {session.communities.length > 1 && (
            <Card title="当前社区" testId="me-community">
              <ChoiceList
                options={session.communities.map((c) => ({ value: c.communityId, label: c.name ?? c.communityId }))}
                value={session.communityId}
                onChange={session.setCommunity}
                testId="community-choice"
                label="当前社区"
              />
            </Card>
          )}

          <CellGroup>
            <Cell
              icon="bell"
              title="消息通知"
              description="社区通知、审核结果和办理进度"
              value={
                unread ? (
                  <Text className="me__unread" data-testid="me-unread">
                    {unread > 99 ? '99+' : unread}
                  </Text>
                ) : undefined
              }
              onClick={go(ROUTES.notices.inbox)}
              testId="me-inbox"
            />
            <LargeTextCell />
          </CellGroup>

          <CellGroup>
            <Cell
              title="亲情代办"
              description="代办记录；为家人或居民代办"
              onClick={go(ROUTES.proxy.records)}
              testId="me-proxy"
            />
          </CellGroup>

          {isStaff && (
            <CellGroup>
              <Cell
                title="工作台"
                description="花名册、绑定审核、邀请码、工作人员"
                onClick={go(ROUTES.staff.workbench)}
                testId="me-workbench"
              />
            </CellGroup>
          )}

          <Card title="我的房屋" testId="me-households">
            {me.memberships.length ? (
              me.memberships.map((m) => (
                <View key={`${m.communityId}-${m.unitId}`} className="me__household">
                  <View className="me__household-text">
                    <Text className="me__household-unit">{m.unitLabel}</Text>
                    <Text className="muted">{m.communityName}</Text>
                  </View>
                  <StatusTag tone="success">{RELATION_LABELS[m.relation]}</StatusTag>
                </View>
              ))
            ) : (
              <Text className="muted">还没有绑定房屋。绑定后可以提交诉求、参加议事投票。</Text>
            )}
          </Card>

          <Card title="绑定申请" testId="me-binding-requests">
            <AsyncView
              state={bindings}
              compact
              testId="my-bindings"
              isEmpty={(b) => b.items.length === 0}
              empty={{ icon: 'empty', title: '暂无绑定申请', hint: '申请后由网格员或居委会审核，一般 1–3 个工作日。' }}
            >
              {(b) => <BindingList items={b.items} />}
            </AsyncView>
          </Card>

          <CellGroup>
            <Cell
              title="申请绑定房屋"
              description="选择社区、楼栋、房号，提交审核"
              onClick={go(ROUTES.bind)}
              testId="me-bind"
            />
            <Cell
              title="使用邀请码"
              description="居委会发放的 8 位邀请码，立即绑定"
              onClick={go(ROUTES.invite)}
              testId="me-invite"
            />
            <Cell
              title="工作人员开通"
              description="接受工作人员邀请、街道管理"
              onClick={go(ROUTES.street.hub)}
              testId="me-street"
            />
          </CellGroup>

          <CellGroup>
            <Cell
              title="导出我的数据"
              description="查看并保存与您有关的全部数据"
              onClick={go(ROUTES.myData)}
              testId="me-export"
            />
            <Cell
              icon="lock"
              title="隐私保护指引"
              value={me.privacy.acceptedVersion ? `已同意 ${me.privacy.acceptedVersion}` : undefined}
              onClick={go(ROUTES.privacy)}
              testId="me-privacy"
            />
            {env.demoLogin && (
              <Cell
                title="切换身份"
                description="演示环境：换一个演示账号登录"
                onClick={() => void session.signOut()}
                testId="me-switch-persona"
              />
            )}
          </CellGroup>

          <CellGroup>
            <Cell
              icon="clock"
              title="登录设备"
              description="查看在哪些设备上登录，可一键退出其他设备"
              onClick={go(ROUTES.account.sessions)}
              testId="me-sessions"
            />
            <Cell title="退出登录" onClick={() => void session.signOut()} testId="me-signout" arrow={false} />
            <Cell title="注销账号" danger onClick={() => setDeleting(true)} testId="me-delete" arrow={false} />
          </CellGroup>

          <Dialog
            open={deleting}
            title="注销账号"
            danger
            confirmText="确认注销"
            busy={deleteAccount.busy}
            onConfirm={() => void deleteAccount.submit()}
            onCancel={() => setDeleting(false)}
            testId="delete-dialog"
          >
            <Text className="me__delete-text">注销后：</Text>
            <Text className="me__delete-text">· 您的昵称、头像、手机号、房屋绑定和登录信息将被删除，无法恢复；</Text>
            <Text className="me__delete-text">
              · 您参与过的投票和积分流水会匿名保留（不再与您关联），以保证议事结果和积分统计真实；
            </Text>
            <Text className="me__delete-text">· 注销前可先在“导出我的数据”中保存一份。</Text>
            {deleteAccount.error && (
              <Text className="me__form-error" aria-live="assertive">
                {deleteAccount.error}
              </Text>
            )}
          </Dialog>
        </>
      )}
    </Page>
  );
}
