import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import {
  ROUND_BASIS_LABELS,
  ballotProblem,
  ballotTotal,
  budgetRoutes,
  fitsBudget,
  yuanText,
  type RoundView,
} from '@linli/shared';
import { ApiFailure, call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Icon } from '@/components/Icon/Icon';
import { IconText } from '@/components/Icon/IconText';
import { useSubmit } from '@/hooks/useSubmit';
import { focusable } from '@/lib/a11y';
import { cx } from '@/lib/classNames';
import { formatDateTime } from '@/lib/format';
import { newRequestId } from '@/lib/requestId';
import { rememberReceipt } from '@/packages/budget/lib/receipts';
import { BudgetBar } from './BudgetBar';

/**
 * 投票: the eligible projects to tick, the running total against the budget, and the ballot sent only when it
 * fits (the API refuses an over-budget one too: its 400 shows under the list). One ballot per household or
 * person, as the round says; a seat already used says who cast it and when.
 */
export function BallotCard({
  round,
  communityId,
  onCast,
}: {
  round: RoundView;
  communityId: string;
  onCast(): Promise<void>;
}) {
  const projects = round.projects
    .filter((p) => p.stage === 'eligible' && p.cost !== undefined)
    .map((p) => ({ ...p, cost: p.cost as number }));
  const budget = round.totalAmount;
  const openSeats = round.mySeats.filter((s) => s.status === 'open');
  const [chosen, setChosen] = useState<string[]>([]);
  const [refused, setRefused] = useState<string>();
  const [receipt, setReceipt] = useState<string>();
  const [notice, setNotice] = useState<string>();
  // One id per intended ballot: a tap repeated after a lost answer gets the same receipt, not a second ballot.
  const requestId = useRef(newRequestId());
  const total = ballotTotal(projects, chosen);
  const problem = ballotProblem({ budget, projects }, chosen);

  const cast = useSubmit(async () => {
    try {
      const res = await call(budgetRoutes.castBallot, {
        params: { communityId, roundId: round.roundId },
        body: { projectIds: chosen, voterKey: openSeats[0]?.voterKey, requestId: requestId.current },
      });
      rememberReceipt(round.roundId, res.receipt);
      requestId.current = newRequestId();
      setReceipt(res.receipt);
      setChosen([]);
      await onCast();
    } catch (e) {
      // Another phone of the household voted first: said as what happened, not as a failure.
      if (e instanceof ApiFailure && e.code === 'ALREADY_VOTED') {
        setNotice(e.message);
        await onCast();
        return;
      }
      throw e;
    }
  });

  const toggle = (projectId: string) => {
    setRefused(undefined);
    setChosen((c) => (c.includes(projectId) ? c.filter((x) => x !== projectId) : [...c, projectId]));
  };
  const send = () => {
    // Refused here before anything is sent: the voter sees why and what to take off.
    if (problem) return setRefused(problem);
    void cast.submit();
  };

  return (
    <Card title={`我的选票（${ROUND_BASIS_LABELS[round.basis]}）`} testId="ballot-card">
      {notice && (
        <Text className="budget__error" data-testid="ballot-notice">
          {notice}
        </Text>
      )}
      {receipt && (
        <View className="budget__receipt-box" data-testid="ballot-receipt">
          <IconText icon="check" className="budget__text">
            投票成功。您的核验码（已保存在本机）：
          </IconText>
          <Text className="budget__receipt" data-testid="receipt-code" userSelect>
            {receipt}
          </Text>
          <Text className="budget__hint">结果公示后可凭核验码查验选票已计入，核验码不显示您选了哪些项目。</Text>
        </View>
      )}
      {round.mySeats
        .filter((s) => s.status === 'voted')
        .map((s) => (
          <IconText key={s.voterKey} icon="check" className="budget__text" testId="seat-voted">
            {s.label} 已投票：{s.castByName} 于 {formatDateTime(s.castAt)}
          </IconText>
        ))}
      {round.can.vote && openSeats.length > 0 && (
        <View data-testid="ballot-form">
          <Text className="budget__hint">
            {openSeats[0]!.label}：在预算 {yuanText(budget)} 内勾选您支持的项目，合计不能超过预算；投出后不能修改。
          </Text>
          <View className="budget-ballot" role="group" aria-label="可投票的项目">
            {projects.map((p) => {
              const selected = chosen.includes(p.projectId);
              const fits = fitsBudget({ budget, projects }, chosen, p.projectId);
              return (
                <View
                  key={p.projectId}
                  className={cx('budget-ballot__option', selected && 'budget-ballot__option--selected')}
                  onClick={() => toggle(p.projectId)}
                  role="checkbox"
                  aria-checked={selected}
                  data-testid={`ballot-project-${p.projectId}`}
                  {...focusable}
                >
                  <View className="budget-ballot__box">{selected && <Icon name="check" />}</View>
                  <View className="budget-ballot__body">
                    <Text className="budget-ballot__title">{p.title}</Text>
                    <Text className="budget-ballot__cost">
                      {yuanText(p.cost)}
                      {!fits && ' · 超出剩余预算'}
                    </Text>
                  </View>
                </View>
              );
            })}
          </View>
          <BudgetBar used={total} budget={budget} testId="ballot-total" />
          {(refused || cast.errors['body.projectIds'] || cast.error) && (
            <Text className="budget__error" data-testid="ballot-error">
              {refused ?? cast.errors['body.projectIds'] ?? cast.error}
            </Text>
          )}
          <ActionButton block loading={cast.busy} onClick={send} testId="ballot-submit">
            投票（已选 {chosen.length} 项）
          </ActionButton>
        </View>
      )}
      {!round.can.vote && round.mySeats.length === 0 && (
        <Text className="budget__muted" data-testid="ballot-not-in-scope">
          您绑定的房屋不在本轮投票范围内（名册在投票开始时确定）。
        </Text>
      )}
    </Card>
  );
}

/** 核验: whether each ballot this phone cast is in the box and counted (never what it chose). */
export function ReceiptCheck({
  round,
  communityId,
  receipts,
}: {
  round: RoundView;
  communityId: string;
  receipts: string[];
}) {
  const [answers, setAnswers] = useState<Record<string, { inBox: boolean; counted: boolean }>>({});
  const check = useSubmit(
    async () => {
      const next: typeof answers = {};
      for (const receipt of receipts) {
        try {
          const res = await call(budgetRoutes.checkReceipt, {
            params: { communityId, roundId: round.roundId, receipt },
          });
          next[receipt] = { inBox: res.inBox, counted: res.counted };
        } catch (e) {
          if (!(e instanceof ApiFailure && e.status === 404)) throw e;
          next[receipt] = { inBox: false, counted: false };
        }
      }
      setAnswers(next);
    },
    { onError: (m) => void Taro.showToast({ title: m, icon: 'none' }) },
  );
  if (!receipts.length) return null;
  return (
    <View className="budget__receipt-box" data-testid="receipt-check">
      <Text className="budget__subhead">本机保存的核验码</Text>
      {receipts.map((r) => (
        <View key={r} className="budget__row" data-testid="receipt-row">
          <Text className="budget__receipt-small">{r}</Text>
          {answers[r] && (
            <Text className="budget__text" data-testid="receipt-status">
              {answers[r]!.counted
                ? '已投入票箱，已计入结果'
                : answers[r]!.inBox
                  ? '已投入票箱，尚未计票'
                  : '未找到该选票'}
            </Text>
          )}
        </View>
      ))}
      <ActionButton
        size="small"
        variant="secondary"
        loading={check.busy}
        onClick={() => void check.submit()}
        testId="receipt-check-button"
      >
        核验我的选票
      </ActionButton>
    </View>
  );
}
