import { Text, View } from '@tarojs/components';
import { percentOf, yuanText } from '@linli/shared';
import { cx } from '@/lib/classNames';

/**
 * The ballot's running total against the budget: a bar of what the chosen projects use, and in words what is
 * used and what remains — or by how much the choice is over, in red and said in words (not colour alone).
 */
export function BudgetBar({ used, budget, testId = 'budget-bar' }: { used: number; budget: number; testId?: string }) {
  const over = used > budget;
  const pct = Math.min(100, percentOf(used, budget));
  return (
    <View
      className={cx('budget-bar', over && 'budget-bar--over')}
      data-testid={testId}
      data-over={over ? 'yes' : 'no'}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={budget}
      aria-valuenow={used}
      aria-label={`已选 ${yuanText(used)}，预算 ${yuanText(budget)}`}
    >
      <View className="budget-bar__track">
        <View className="budget-bar__fill" style={{ width: `${pct}%` }} />
      </View>
      <View className="budget-bar__words">
        <Text data-testid={`${testId}-used`}>已选 {yuanText(used)}</Text>
        <Text data-testid={`${testId}-remaining`}>
          {over ? `超出 ${yuanText(used - budget)}` : `剩余 ${yuanText(budget - used)}`}
        </Text>
      </View>
      <Text className="budget-bar__total">预算总额 {yuanText(budget)}</Text>
    </View>
  );
}
