import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { COMMITTEE, rosterTransferRoutes } from '@linli/shared';
import { call, messageOf } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Page } from '@/components/Page/Page';
import { formatDateTime } from '@/lib/format';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { openRemoteFile } from '@/lib/files/openRemoteFile';
import '@/packages/staff/staff.scss';

type Format = 'xlsx' | 'csv';
const FORMATS: { value: Format; label: string; hint: string }[] = [
  { value: 'xlsx', label: 'Excel（.xlsx）', hint: '用 Excel / WPS 打开编辑' },
  { value: 'csv', label: 'CSV（.csv）', hint: '通用文本表格' },
];

interface Exported {
  url: string;
  fileName: string;
  expiresAt: string;
  rows: number;
}

function Exporter({ communityId }: { communityId: string }) {
  const [format, setFormat] = useState<Format>('xlsx');
  const [result, setResult] = useState<Exported>();
  const {
    submit: run,
    busy,
    error,
  } = useSubmit(async () =>
    setResult(await call(rosterTransferRoutes.exportRoster, { params: { communityId }, body: { format } })),
  );

  const open = async (r: Exported) => {
    try {
      await openRemoteFile(r.url, r.fileName);
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  return (
    <View>
      <Card title="导出格式">
        <ChoiceList
          layout="list"
          options={FORMATS}
          value={format}
          onChange={setFormat}
          testId="export-format"
          label="导出格式"
        />
        <Text className="staff__line">
          导出的列与导入模板相同，改好后可以直接导入。文件含业主完整电话，请妥善保管。
        </Text>
        {error && (
          <Text className="staff__error" aria-live="assertive" data-testid="export-error">
            {error}
          </Text>
        )}
        <View style={{ marginTop: '16px' }}>
          <ActionButton block loading={busy} onClick={() => void run()} testId="export-run">
            导出花名册
          </ActionButton>
        </View>
      </Card>
      {result && (
        <Card title="导出完成" testId="export-result">
          <Text className="staff__line" data-testid="export-file">
            {result.fileName} · 共 {result.rows} 行
          </Text>
          <Text className="staff__line muted">下载链接有效期至 {formatDateTime(result.expiresAt)}</Text>
          <View className="staff__actions">
            <ActionButton size="small" onClick={() => void open(result)} testId="export-open">
              打开 / 下载
            </ActionButton>
            <ActionButton
              size="small"
              variant="secondary"
              onClick={() => void Taro.setClipboardData({ data: result.url })}
              testId="export-copy-link"
            >
              复制链接
            </ActionButton>
          </View>
        </Card>
      )}
    </View>
  );
}

/** 导出花名册: the roster as the same sheet import reads, to edit and re-import. */
export default function ExportPage() {
  return (
    <Page testId="page-roster-export">
      <StaffOnly roles={COMMITTEE}>{(communityId) => <Exporter communityId={communityId} />}</StaffOnly>
    </Page>
  );
}
