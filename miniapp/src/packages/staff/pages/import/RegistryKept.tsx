import { Text, View } from '@tarojs/components';
import type { ImportJobView } from '@linli/shared';

/**
 * Rows whose 面积 or 业主 the import leaves as the 不动产登记 extract set them: the registry is the legal source for
 * an owners' vote, the 台账 the committee's household roster. Nothing to fix; the committee reads why.
 */
export function RegistryKept({ kept }: { kept: ImportJobView['registryKept'] }) {
  if (!kept.count) return null;
  return (
    <View data-testid="import-registry-kept">
      <Text className="import__problem-count" data-testid="import-registry-kept-count">
        {kept.count} 行的面积或业主以不动产登记为准，台账中的这些内容不会写入（其余内容照常导入）：
      </Text>
      {kept.rows.map((k) => (
        <View key={k.row} className="import__problem-row" data-testid={`import-registry-kept-row-${k.row}`}>
          <Text className="import__problem-rownum">第 {k.row} 行</Text>
          <View className="import__problem-items">
            <Text className="import__problem">
              <Text className="import__problem-column">{k.unit}：</Text>
              {k.message}
            </Text>
          </View>
        </View>
      ))}
      {kept.count > kept.rows.length && (
        <Text className="muted">另有 {kept.count - kept.rows.length} 行同样以不动产登记为准。</Text>
      )}
    </View>
  );
}
