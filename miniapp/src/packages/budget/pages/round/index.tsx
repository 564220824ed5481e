import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { budgetRoutes, ROUND_BASIS_LABELS, ROUND_PHASE_LABELS, yuanText, type RoundView } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Cell, CellGroup } from '@/components/Cell/Cell';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { formatDateTime } from '@/lib/format';
import { readParam } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { BallotCard, ReceiptCheck } from '@/packages/budget/components/BallotCard';
import { Objections } from '@/packages/budget/components/Objections';
import { PhaseTimeline } from '@/packages/budget/components/PhaseTimeline';
import { ProjectRow } from '@/packages/budget/components/ProjectRow';
import { ResultCard } from '@/packages/budget/components/ResultCard';
import { PHASE_TONES } from '@/packages/budget/lib/labels';
import { adminRoundPath, ledgerPath, proposePath } from '@/lib/budgetPages';
import { receiptsOf } from '@/packages/budget/lib/receipts';
import '@/packages/budget/budget.scss';

const AFTER_COUNT = ['publicity', 'implementation', 'acceptance'];

/** What the projects card is called in each phase, and which projects it shows first. */
function projectsTitle(round: RoundView): string {
  if (round.phase === 'implementation') return '实施进度';
  if (round.phase === 'acceptance') return '项目验收';
  if (round.phase === 'proposing') return '居民点单';
  return '项目';
}

function RoundBody({ round, communityId, reload }: { round: RoundView; communityId: string; reload(): Promise<void> }) {
  const session = useSession();
  const resident = session.hasRole('resident');
  // After the count the selected projects come first; before it, every proposal in the order it came.
  const projects = AFTER_COUNT.includes(round.phase)
    ? [...round.projects].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999))
    : round.projects;
  const shown =
    round.phase === 'implementation' || round.phase === 'acceptance'
      ? projects.filter((p) => p.stage === 'selected' || p.stage === 'implementing' || p.stage === 'finished')
      : projects;
  return (
    <>
      <Text className="budget__title" data-testid="round-title">
        {round.title}
      </Text>
      <View className="budget__meta">
        <StatusTag tone={PHASE_TONES[round.phase]} testId="round-phase">
          {round.phaseLabel}
        </StatusTag>
        <Text>{round.scopeText}</Text>
        <Text>{ROUND_BASIS_LABELS[round.basis]}</Text>
        <Text>{round.secrecy === 'secret' ? '无记名投票' : '实名投票'}</Text>
      </View>
      <Card title="预算总额" testId="round-budget">
        <Text className="budget__big" data-testid="round-total">
          {yuanText(round.totalAmount)}
        </Text>
        {round.phaseEndsAt && (
          <Text className="budget__hint">
            {round.phaseLabel}截止 {formatDateTime(round.phaseEndsAt)}
          </Text>
        )}
        <Text className="budget__text">{round.description}</Text>
        {round.electorate && (
          <Text className="budget__fine">
            投票名册（{formatDateTime(round.electorate.frozenAt)} 确定）：{round.electorate.heads}{' '}
            {round.basis === 'household' ? '户' : '人'}
          </Text>
        )}
      </Card>
      <Card title="阶段">
        <PhaseTimeline round={round} />
      </Card>

      {round.can.manage && (
        <ActionButton
          block
          variant="secondary"
          onClick={() => void Taro.navigateTo({ url: adminRoundPath(round.roundId) })}
          testId="round-manage"
        >
          居委会管理本轮
        </ActionButton>
      )}
      {round.can.propose && (
        <ActionButton
          block
          onClick={() => void Taro.navigateTo({ url: proposePath(communityId, round.roundId) })}
          testId="round-propose"
        >
          我要点单
        </ActionButton>
      )}

      {round.phase === 'voting' || round.phase === 'counting' ? (
        <BallotCard round={round} communityId={communityId} onCast={reload} />
      ) : (
        round.mySeats.some((s) => s.status === 'voted') && (
          <Card testId="seat-summary">
            {round.mySeats
              .filter((s) => s.status === 'voted')
              .map((s) => (
                <Text key={s.voterKey} className="budget__fine" data-testid="seat-voted">
                  {s.label} 已投票：{s.castByName} 于 {formatDateTime(s.castAt)}
                </Text>
              ))}
          </Card>
        )
      )}

      {round.result && <ResultCard result={round.result} />}
      {round.result && receiptsOf(round.roundId).length > 0 && (
        <Card title="核验选票">
          <ReceiptCheck round={round} communityId={communityId} receipts={receiptsOf(round.roundId)} />
        </Card>
      )}
      {round.phase === 'publicity' || round.objections.length > 0 ? (
        <Objections round={round} communityId={communityId} onChanged={reload} />
      ) : null}

      <Card title={`${projectsTitle(round)}（${shown.length}）`} testId="round-projects">
        {shown.length === 0 ? (
          <Text className="budget__muted" data-testid="round-projects-empty">
            {round.phase === 'proposing' ? '还没有居民点单，来提第一个项目吧。' : '暂无项目'}
          </Text>
        ) : (
          shown.map((p) => (
            <ProjectRow
              key={p.projectId}
              p={p}
              phase={round.phase}
              communityId={communityId}
              roundId={round.roundId}
              canSupport={resident && round.inScope}
              onChanged={reload}
            />
          ))
        )}
        {round.phase === 'screening' && round.pendingScreening > 0 && (
          <Text className="budget__hint">居委会正在审核，还有 {round.pendingScreening} 个提议待审核。</Text>
        )}
      </Card>

      {round.phaseChanges.length > 0 && (
        <Card title="阶段变更记录" testId="round-changes">
          {round.phaseChanges.map((c, i) => (
            <Text key={i} className="budget__fine">
              {formatDateTime(c.at)} {ROUND_PHASE_LABELS[c.from]} → {ROUND_PHASE_LABELS[c.to]}：
              {c.early ? `${c.byName}提前结束，原因：${c.reason}` : c.reason}
            </Text>
          ))}
        </Card>
      )}
      <CellGroup>
        <Cell
          icon="ledger"
          title="公开台账"
          description="每个项目的进度，计划与实际支出"
          onClick={() => void Taro.navigateTo({ url: ledgerPath(communityId) })}
          testId="round-ledger-link"
        />
      </CellGroup>
    </>
  );
}

/** A 民生微实事 round by its phase: timeline, budget, projects, and what the resident can do now. */
export default function BudgetRoundPage() {
  const session = useSession();
  const params = useRouter().params;
  const communityId = readParam(params.communityId) ?? session.communityId ?? '';
  const roundId = readParam(params.roundId) ?? '';
  const round = useAsync(
    () => call(budgetRoutes.getRound, { params: { communityId, roundId } }),
    [communityId, roundId],
    { enabled: !!communityId && !!roundId },
  );
  useReshow(() => void round.reload());
  usePullDownRefresh(() => {
    void round.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <Page testId="page-budget-round">
      <AsyncView state={round} testId="budget-round">
        {(r) => <RoundBody round={r} communityId={communityId} reload={round.reload} />}
      </AsyncView>
    </Page>
  );
}
