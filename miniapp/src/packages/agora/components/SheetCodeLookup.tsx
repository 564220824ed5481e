import { Text, View } from '@tarojs/components';
import { agoraArchiveRoutes, type BallotSheetView } from '@linli/shared';
import { ApiFailure, call } from '@/api';
import { useForm } from '@/hooks/useForm';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { TextField } from '@/components/Field/TextField';
import { IconText } from '@/components/Icon/IconText';

/** ABCD-EFGH, as the 表决票 prints it (the route accepts it with or without the hyphen, in any case). */
export const printedSheetCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** What a 404 means here, in the words of the paper in hand: the code is on the sheet, under the title. */
export const unknownSheetCode = (typed: string) =>
  `没有找到编码为 ${typed.trim().toUpperCase()} 的表决票：请核对纸质表决票上的 8 位编码，并确认它是本议题的表决票`;

/**
 * 按表决票编码查找: the recorder types the code printed on the owner's 表决票 and
 * gets the seat it was printed for (权利人, units, area), so the paper is checked against the owner before it is
 * recorded; `onFound` selects the seat's first unit for the recording below.
 */
export function SheetCodeLookup({
  communityId,
  topicId,
  found,
  onFound,
}: {
  communityId: string;
  topicId: string;
  found?: BallotSheetView;
  onFound(sheet: BallotSheetView): void;
}) {
  const form = useForm({ code: '' }, async ({ code }) => {
    try {
      const sheet = await call(agoraArchiveRoutes.findSheet, { params: { communityId, topicId, code } });
      onFound(sheet);
      return sheet;
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 404)
        throw new ApiFailure(404, 'NOT_FOUND', unknownSheetCode(code));
      throw error;
    }
  });
  return (
    <View data-testid="paper-sheet-lookup">
      <TextField
        label="表决票编码"
        hint="纸质表决票上印有编码（如 ABCD-EFGH）：输入后核对业主"
        maxLength={12}
        {...form.field('code', 'params.code')}
        testId="field-sheet-code"
        inputTestId="input-sheet-code"
      />
      <View className="agora__actions">
        <ActionButton
          size="small"
          loading={form.busy}
          onClick={() => {
            if (form.values.code.trim()) void form.submit();
          }}
          testId="paper-sheet-find"
        >
          查找表决票
        </ActionButton>
      </View>
      {form.error && (
        <Text className="agora__error" data-testid="paper-sheet-error" aria-live="assertive">
          {form.error}
        </Text>
      )}
      {found && !form.error && (
        <View data-testid="paper-sheet-found">
          <IconText icon="check" className="agora__text">
            表决票 {printedSheetCode(found.code)}：{found.holder}
          </IconText>
          <Text className="agora__hint">
            {found.units.map((u) => u.label).join('、')}，专有部分面积合计 {found.area} ㎡
          </Text>
        </View>
      )}
    </View>
  );
}
