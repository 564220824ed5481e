import { agoraArchiveRoutes, COMMITTEE } from '@linli/shared';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { useAsync } from '@/hooks/useAsync';
import { readParam } from '@/routes';
import { PRINT_FONT } from '@/packages/agora/print/printFont';
import { CAN_PRINT, printPage } from '@/packages/agora/print/printPage';
import { choiceRule, sheetLines, type Sheet, type SheetsAnswer } from '@/packages/agora/print/sheetModel';
import '@/packages/agora/agora.scss';
import '@/packages/agora/print/print.scss';

function BallotSheet({ answer, sheet }: { answer: SheetsAnswer; sheet: Sheet }) {
  const lines = sheetLines(answer, sheet);
  return (
    <View className="print__sheet" data-testid="print-sheet" data-code={sheet.code} style={{ fontFamily: PRINT_FONT }}>
      <Text className="print__title">{lines.heading}</Text>
      <Text className="print__line">{lines.holder}</Text>
      {lines.units.map((u) => (
        <Text key={u} className="print__line">
          房屋：{u}
        </Text>
      ))}
      <Text className="print__line">{lines.area}</Text>
      <Text className="print__matter">表决事项：{answer.title}</Text>
      {answer.description && <Text className="print__small">{answer.description}</Text>}
      <Text className="print__small">{choiceRule(answer)}</Text>
      {answer.options.map((o) => (
        <View key={o.optionId} className="print__option">
          <View className="print__box" />
          <Text>{o.label}</Text>
        </View>
      ))}
      <Text className="print__small">{lines.rule}</Text>
      <Text className="print__small">
        {lines.window}。{lines.secrecy}。
      </Text>
      <View className="print__sign">
        <Text>业主签名（捺印）：＿＿＿＿＿＿＿＿</Text>
        <Text>日期：＿＿＿＿年＿＿月＿＿日</Text>
      </View>
      <Text className="print__code" data-testid="print-sheet-code">
        {lines.code}
      </Text>
      <Text className="print__small">
        楼长、网格员代录纸质票时按此编码核对业主；编码由系统生成，伪造的表决票查无此码。
      </Text>
    </View>
  );
}

function Sheets({ communityId, topicId }: { communityId: string; topicId: string }) {
  const [buildingId, setBuildingId] = useState<string | undefined>(undefined);
  const sheets = useAsync(
    () => call(agoraArchiveRoutes.ballotSheets, { params: { communityId, topicId }, query: { buildingId } }),
    [communityId, topicId, buildingId],
    { enabled: !!topicId },
  );
  return (
    <AsyncView
      state={sheets}
      isEmpty={(a) => a.sheets.length === 0}
      empty={{ title: '该楼栋没有需要打印的表决票', hint: '选择其他楼栋，或打印全部' }}
      testId="print-sheets"
    >
      {(a) => (
        <>
          <View className="print__toolbar">
            <Card
              title={`按楼栋分批打印（共 ${a.buildings.reduce((n, b) => n + b.sheets, 0)} 张）`}
              testId="print-batches"
            >
              <View className="agora__actions">
                <ActionButton
                  size="small"
                  variant={buildingId ? 'secondary' : 'primary'}
                  onClick={() => setBuildingId(undefined)}
                  testId="print-batch-all"
                >
                  全部
                </ActionButton>
                {a.buildings.map((b) => (
                  <ActionButton
                    key={b.buildingId}
                    size="small"
                    variant={buildingId === b.buildingId ? 'primary' : 'secondary'}
                    onClick={() => setBuildingId(b.buildingId)}
                    testId={`print-batch-${b.buildingId}`}
                  >
                    {`${b.name}（${b.sheets} 张）`}
                  </ActionButton>
                ))}
              </View>
              <ActionButton block onClick={printPage} testId="print-sheets-print">
                {CAN_PRINT ? `打印这 ${a.sheets.length} 张表决票` : '请在电脑端管理台打印'}
              </ActionButton>
            </Card>
          </View>
          {a.sheets.map((s) => (
            <BallotSheet key={s.code} answer={a} sheet={s} />
          ))}
        </>
      )}
    </AsyncView>
  );
}

/** 打印表决票 (居委会, from the browser console): one A4 page per owner, in batches by building. */
export default function SheetsPage() {
  const { params } = useRouter();
  return (
    <Page testId="page-agora-sheets">
      <StaffOnly roles={COMMITTEE}>
        {(communityId) => (
          <Sheets
            communityId={readParam(params.communityId) ?? communityId}
            topicId={readParam(params.topicId) ?? ''}
          />
        )}
      </StaffOnly>
    </Page>
  );
}
