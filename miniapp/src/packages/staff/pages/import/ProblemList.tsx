import { Text, View } from '@tarojs/components';
import { useMemo } from 'react';
import type { ImportJobView } from '@linli/shared';

const MAX_ROWS_SHOWN = 200;

/** Problems grouped by the sheet's own row numbers, so the committee fixes the file in one pass. */
export function ProblemList({ problems }: { problems: ImportJobView['problems'] }) {
  const rows = useMemo(() => {
    const byRow = new Map<number, ImportJobView['problems']>();
    for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
    return [...byRow.entries()].sort((a, b) => a[0] - b[0]);
  }, [problems]);
  const shown = rows.slice(0, MAX_ROWS_SHOWN);
  return (
    <View data-testid="import-problems">
      <Text className="import__problem-count" data-testid="import-problem-count">
        共 {rows.length} 行有问题（{problems.length} 处），请在表格中改正后重新上传：
      </Text>
      {shown.map(([row, list]) => (
        <View key={row} className="import__problem-row" data-testid={`import-problem-row-${row}`}>
          <Text className="import__problem-rownum">第 {row} 行</Text>
          <View className="import__problem-items">
            {list.map((p, i) => (
              <Text key={i} className="import__problem">
                {p.column ? <Text className="import__problem-column">{p.column}：</Text> : null}
                {p.message}
              </Text>
            ))}
          </View>
        </View>
      ))}
      {rows.length > shown.length && (
        <Text className="muted">另有 {rows.length - shown.length} 行有问题，改正以上各行后重新上传即可看到。</Text>
      )}
    </View>
  );
}
