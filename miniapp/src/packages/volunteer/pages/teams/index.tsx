import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { COMMITTEE, MEMBERS, PARTICIPANTS, volunteerRoutes } from '@linli/shared';
import { call, messageOf } from '@/api';
import { useForm } from '@/hooks/useForm';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { useSession } from '@/session/SessionProvider';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import '@/packages/volunteer/volunteer.scss';

type Team = Awaited<ReturnType<typeof call<typeof volunteerRoutes.listTeams>>>['items'][number];

/** Pending requests and members of a team, for its leader (or the committee) to decide. */
function Members({
  communityId,
  team,
  committee,
  onTeam,
}: {
  communityId: string;
  team: Team;
  committee: boolean;
  onTeam(t: Team): void;
}) {
  const members = useAsync(
    () => call(volunteerRoutes.listTeamMembers, { params: { communityId, teamId: team.teamId } }),
    [communityId, team.teamId],
  );
  // 指定队长 (committee): how a team whose leader left gets one again.
  const makeLeader = async (userId: string) => {
    try {
      onTeam(
        await call(volunteerRoutes.setTeamLeader, { params: { communityId, teamId: team.teamId }, body: { userId } }),
      );
      await members.reload();
      void Taro.showToast({ title: '已设为队长', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };
  const decide = async (userId: string, decision: 'approve' | 'reject') => {
    try {
      await call(volunteerRoutes.decideTeamMember, {
        params: { communityId, teamId: team.teamId, userId },
        body: { decision },
      });
      await members.reload();
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };
  return (
    <AsyncView state={members} compact testId={`members-${team.teamId}`}>
      {({ items }) => (
        <View>
          {items.map((m) => (
            <View key={m.userId} className="vol__row" data-testid={`member-${m.userId}`}>
              <View className="vol__row-head">
                <Text className="vol__row-title">{m.nickname}</Text>
                <StatusTag tone={m.status === 'pending' ? 'warning' : m.role === 'leader' ? 'info' : 'success'}>
                  {m.status === 'pending' ? '申请加入' : m.role === 'leader' ? '队长' : '队员'}
                </StatusTag>
              </View>
              {m.status === 'pending' && (
                <View className="vol__actions">
                  <ActionButton size="small" onClick={() => void decide(m.userId, 'approve')} testId="member-approve">
                    同意
                  </ActionButton>
                  <ActionButton
                    size="small"
                    variant="plain"
                    onClick={() => void decide(m.userId, 'reject')}
                    testId="member-reject"
                  >
                    婉拒
                  </ActionButton>
                </View>
              )}
              {committee && m.status === 'active' && m.role === 'member' && (
                <View className="vol__actions">
                  <ActionButton
                    size="small"
                    variant="secondary"
                    onClick={() => void makeLeader(m.userId)}
                    testId="member-make-leader"
                  >
                    设为队长
                  </ActionButton>
                </View>
              )}
            </View>
          ))}
        </View>
      )}
    </AsyncView>
  );
}

function CreateTeam({
  communityId,
  open,
  onClose,
  onCreated,
}: {
  communityId: string;
  open: boolean;
  onClose(): void;
  onCreated(): void;
}) {
  const { field, submit, busy, errors, error } = useForm(
    { name: '', description: '', leader: '' },
    async ({ name, description, leader }) => {
      await call(volunteerRoutes.createTeam, {
        params: { communityId },
        body: { name, description, leaderAccountCode: leader.replace(/[\s-]/g, '').toUpperCase() },
      });
      onCreated();
      onClose();
    },
  );
  return (
    <Dialog
      open={open}
      title="成立服务队"
      busy={busy}
      onConfirm={() => void submit()}
      onCancel={onClose}
      testId="team-dialog"
    >
      <TextField
        label="服务队名称"
        {...field('name')}
        placeholder="例如：政策宣讲队"
        testId="field-name"
        inputTestId="input-name"
      />
      <TextField
        label="简介"
        {...field('description')}
        multiline
        testId="field-description"
        inputTestId="input-description"
      />
      <TextField
        label="队长的积分账号"
        {...field('leader', 'body.leaderAccountCode')}
        hint="请队长在“我的积分”页查看"
        testId="field-leader"
        inputTestId="input-leader"
      />
      {error && !errors['body.name'] && !errors['body.leaderAccountCode'] && (
        <Text className="vol__error">{error}</Text>
      )}
    </Dialog>
  );
}

function Teams({ communityId }: { communityId: string }) {
  const session = useSession();
  const teams = useAsync(() => call(volunteerRoutes.listTeams, { params: { communityId } }), [communityId]);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string>();
  const committee = session.hasRole(...COMMITTEE);
  const join = async (teamId: string) => {
    try {
      const t = await call(volunteerRoutes.joinTeam, { params: { communityId, teamId } });
      teams.setData((cur) => (cur ? { items: cur.items.map((x) => (x.teamId === teamId ? t : x)) } : cur));
      void Taro.showToast({ title: '已申请，等待队长审核', icon: 'none' });
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };
  return (
    <View>
      {committee && (
        <ActionButton block variant="secondary" onClick={() => setCreating(true)} testId="team-create">
          成立服务队
        </ActionButton>
      )}
      <AsyncView
        state={teams}
        testId="teams"
        isEmpty={(t) => t.items.length === 0}
        empty={{ icon: 'team', title: '还没有志愿服务队' }}
      >
        {({ items }) => (
          <View style={{ marginTop: '24px' }}>
            {items.map((t) => (
              <Card key={t.teamId} testId={`team-${t.teamId}`}>
                <View className="vol__row-head">
                  <Text className="vol__row-title">{t.name}</Text>
                  {t.my && (
                    <StatusTag tone={t.my === 'active' ? 'success' : 'warning'}>
                      {t.isLeader ? '我是队长' : t.my === 'active' ? '已加入' : '审核中'}
                    </StatusTag>
                  )}
                </View>
                <Text className="vol__line">{t.description}</Text>
                <Text className="vol__note">
                  队长 {t.leaders.map((l) => l.nickname).join('、') || '—'} · {t.memberCount} 名队员
                </Text>
                {committee && t.leaders.length === 0 && (
                  <Text className="vol__note" data-testid="team-no-leader">
                    暂无队长：展开“成员与申请”，从队员中指定
                  </Text>
                )}
                <View className="vol__actions">
                  {!t.my && session.hasRole(...PARTICIPANTS) && (
                    <ActionButton size="small" onClick={() => void join(t.teamId)} testId="team-join">
                      申请加入
                    </ActionButton>
                  )}
                  {(t.isLeader || committee) && (
                    <ActionButton
                      size="small"
                      variant="secondary"
                      onClick={() => setOpen(open === t.teamId ? undefined : t.teamId)}
                      testId="team-members"
                    >
                      {open === t.teamId ? '收起成员' : '成员与申请'}
                    </ActionButton>
                  )}
                </View>
                {open === t.teamId && (
                  <Members
                    communityId={communityId}
                    team={t}
                    committee={committee}
                    onTeam={(next) =>
                      teams.setData((cur) =>
                        cur
                          ? {
                              items: cur.items.map((x) =>
                                x.teamId === next.teamId
                                  ? { ...x, leaders: next.leaders, memberCount: next.memberCount }
                                  : x,
                              ),
                            }
                          : cur,
                      )
                    }
                  />
                )}
              </Card>
            ))}
          </View>
        )}
      </AsyncView>
      <CreateTeam
        communityId={communityId}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => void teams.reload()}
      />
    </View>
  );
}

/** 志愿服务队: join a team (the leader approves); leaders and the committee manage members. */
export default function TeamsPage() {
  return (
    <Page testId="page-teams">
      <RoleGate roles={MEMBERS} hint="社区成员可以查看服务队。">
        {(communityId) => <Teams communityId={communityId} />}
      </RoleGate>
    </Page>
  );
}
