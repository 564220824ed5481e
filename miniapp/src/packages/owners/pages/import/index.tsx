import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { COMMITTEE, ownerRegistryRoutes, rosterTransferRoutes, type OwnerRegistryImportView } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { StatTiles } from '@/components/charts';
import { FilePicker } from '@/components/FilePicker/FilePicker';
import { formatBytes, type PickedFile } from '@/components/FilePicker/pickedFile';
import { Page } from '@/components/Page/Page';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { useSubmit } from '@/hooks/useSubmit';
import { uploadToPresignedPost } from '@/lib/upload';
import { RegistryRows } from './RegistryRows';
import '@/packages/owners/owners.scss';

const SHOWN = 200;
const EXTRACT_COLUMNS = ['房屋坐落 *', '不动产单元号', '面积 *', '权利人 *', '共有情况', '证件号'];

function Totals({ view }: { view: OwnerRegistryImportView }) {
  const t = view.totals;
  return (
    <StatTiles
      testId="registry-totals"
      tiles={[
        { label: '业主人数（人头）', value: t.heads, testId: 'registry-heads' },
        { label: '专有部分面积', value: t.area, unit: '㎡', testId: 'registry-area' },
        { label: '房屋', value: t.units, unit: '套', testId: 'registry-units' },
        { label: '开发建设单位持有', value: t.developerUnits, unit: '套', testId: 'registry-developer' },
        { label: '共有房屋', value: t.coOwnedUnits, unit: '套' },
        { label: '一人多套', value: t.multiUnitOwners, unit: '人' },
      ]}
    />
  );
}

/** The problems (or notes) grouped by their row, over every row of the extract. */
function byRow<T extends { row: number }>(items: T[]): [number, T[]][] {
  const rows = new Map<number, T[]>();
  for (const i of items) rows.set(i.row, [...(rows.get(i.row) ?? []), i]);
  return [...rows.entries()].sort((a, b) => a[0] - b[0]);
}

function Preview({ communityId, view }: { communityId: string; view: OwnerRegistryImportView }) {
  const problemRows = byRow(view.problems);
  const noteRows = byRow(view.notes);
  return (
    <View>
      <Card title="业主名册（导入后）" extra={view.fileName} testId="registry-preview">
        <Totals view={view} />
        <Text className="owners__line" data-testid="registry-rule">
          共有人合计为一名业主；同一人（姓名＋证件号，无证件号时按姓名）名下多套房计一人、面积相加；开发建设单位的房屋合计为一人。摘录
          {view.totals.rows} 行，匹配 {view.totals.matchedUnits} 套；名册中另有 {view.totals.unitsNotInExtract}{' '}
          套不在摘录中，保持原样。
        </Text>
        <Text className="owners__line" data-testid="registry-changes">
          写入后变更：房屋 {view.changes.units} 套，业主 {view.changes.owners} 位，已绑定业主 {view.changes.bindings}{' '}
          人。
          {view.status === 'applied' ? '' : '以上是预览，尚未写入任何数据。'}
        </Text>
      </Card>
      {view.polls.length > 0 && (
        <Card title="已冻结名册的业主表决" testId="registry-polls">
          {view.polls.map((p) => (
            <View key={p.topicId} className="owners__item">
              <Text className="owners__item-title">{p.title}</Text>
              <Text className="owners__item-text">
                {p.open
                  ? '投票已开始：名册冻结中，表决结束后才能写入。'
                  : '尚未开始投票：其人数与面积基数在设定表决时已冻结，本次导入不改变它们。'}
              </Text>
            </View>
          ))}
        </Card>
      )}
      <Card title="按楼栋" testId="registry-buildings">
        {view.byBuilding.map((b) => (
          <View key={b.buildingId} className="owners__item" data-testid="registry-building">
            <View className="owners__item-head">
              <Text className="owners__item-title">{b.name}</Text>
              <Text className="owners__item-text">
                {b.heads} 人 · {b.units} 套 · {b.area}㎡
              </Text>
            </View>
          </View>
        ))}
      </Card>
      {problemRows.length > 0 && (
        <Card title={`需要修改（${view.problems.length} 处）`} testId="registry-problems">
          {problemRows.slice(0, SHOWN).map(([row, problems]) => (
            <View key={row} className="owners__item" data-testid={`registry-problem-row-${row}`}>
              <Text className="owners__item-title">第 {row} 行</Text>
              {problems.map((p, i) => (
                <Text key={i} className="owners__problem">
                  {p.column ? `${p.column}：` : ''}
                  {p.message}
                </Text>
              ))}
            </View>
          ))}
          {problemRows.length > SHOWN && (
            <Text className="muted">
              另有 {problemRows.length - SHOWN} 行有问题：在“逐行匹配”中选“有问题”逐页查看。
            </Text>
          )}
        </Card>
      )}
      {noteRows.length > 0 && (
        <Card title={`请核对（${view.notes.length} 处）`} testId="registry-notes">
          {noteRows.slice(0, SHOWN).map(([row, notes]) => (
            <View key={row} className="owners__item">
              <Text className="owners__item-title">第 {row} 行</Text>
              {notes.map((n, i) => (
                <Text key={i} className="owners__item-text">
                  {n.message}
                </Text>
              ))}
            </View>
          ))}
          {noteRows.length > SHOWN && (
            <Text className="muted">另有 {noteRows.length - SHOWN} 行请核对：在“逐行匹配”中选“请核对”逐页查看。</Text>
          )}
        </Card>
      )}
      <Card title={`业主（${view.owners.length} 位）`} testId="registry-owners">
        {view.owners.slice(0, SHOWN).map((o, i) => (
          <View key={i} className="owners__item" data-testid="registry-owner">
            <View className="owners__item-head">
              <Text className="owners__item-title">{o.name}</Text>
              <Text className="owners__item-text">{o.area}㎡</Text>
            </View>
            <Text className="owners__item-text">{o.units.join('、')}</Text>
          </View>
        ))}
        {view.owners.length > SHOWN && (
          <Text className="muted">另有 {view.owners.length - SHOWN} 位，导入后可在花名册中查看。</Text>
        )}
      </Card>
      <RegistryRows communityId={communityId} view={view} />
    </View>
  );
}

function Importer({ communityId }: { communityId: string }) {
  const [picked, setPicked] = useState<PickedFile>();
  const [view, setView] = useState<OwnerRegistryImportView>();
  const [pickError, setPickError] = useState<string>();

  const check = useSubmit(async (file: PickedFile) => {
    const target = await call(rosterTransferRoutes.createImportUpload, {
      params: { communityId },
      body: { fileName: file.name, contentType: file.contentType, size: file.size },
    });
    await uploadToPresignedPost(target, file);
    setView(
      await call(ownerRegistryRoutes.previewRegistryImport, {
        params: { communityId },
        body: { key: target.key, fileName: file.name },
      }),
    );
  });
  const apply = useSubmit(async (jobId: string) => {
    setView(await call(ownerRegistryRoutes.applyRegistryImport, { params: { communityId, jobId } }));
    void Taro.showToast({ title: '业主名册已写入', icon: 'none' });
  });

  if (view) {
    const blocked = view.status === 'invalid' || view.polls.some((p) => p.open);
    return (
      <View>
        <Preview communityId={communityId} view={view} />
        {apply.error && (
          <Text className="owners__error" aria-live="assertive" data-testid="registry-apply-error">
            {apply.error}
          </Text>
        )}
        <View className="owners__actions">
          {view.status === 'applied' ? (
            <Text className="owners__line" data-testid="registry-applied">
              已写入。再次写入同一份摘录不会产生任何变化。
            </Text>
          ) : (
            !blocked && (
              <ActionButton
                block
                loading={apply.busy}
                onClick={() => void apply.submit(view.jobId)}
                testId="registry-apply"
              >
                确认写入业主名册
              </ActionButton>
            )
          )}
          <ActionButton
            block
            variant="plain"
            onClick={() => {
              setView(undefined);
              apply.reset();
            }}
            testId="registry-restart"
          >
            {view.status === 'applied' ? '导入另一份摘录' : '重新选择文件'}
          </ActionButton>
        </View>
      </View>
    );
  }

  return (
    <View>
      <Card title="1. 准备摘录" testId="registry-template">
        <Text className="owners__line">
          从不动产登记机构取得的本小区登记摘录（.xlsx 或
          .csv），一行一套房或一位权利人；同一套房的几行合并，一格中多位权利人用顿号分隔。
        </Text>
        <Text className="owners__line">列：{EXTRACT_COLUMNS.join('、')}（* 为必填）。</Text>
        <Text className="owners__line">
          按不动产单元号匹配名册中的房屋（首次按房屋坐落的“栋、单元、室”匹配，并记下单元号）。证件号只用于识别同一人，不保存。
        </Text>
      </Card>
      <Card title="2. 选择文件" testId="registry-choose">
        {picked && (
          <Text className="owners__file" data-testid="registry-file">
            {picked.name}（{formatBytes(picked.size)}）
          </Text>
        )}
        {(pickError ?? check.error) && (
          <Text className="owners__error" aria-live="assertive" data-testid="registry-error">
            {pickError ?? check.error}
          </Text>
        )}
        <View className="owners__actions">
          <FilePicker
            label={picked ? '换一个文件' : '选择登记摘录'}
            onPick={(f) => {
              setPickError(undefined);
              check.reset();
              setPicked(f);
            }}
            onReject={setPickError}
          />
          {picked && (
            <ActionButton block loading={check.busy} onClick={() => void check.submit(picked)} testId="registry-check">
              上传并预览
            </ActionButton>
          )}
        </View>
      </Card>
    </View>
  );
}

/** 导入不动产登记摘录: file → preview (who counts, how much area, each row's match or problem) → apply. */
export default function OwnerRegistryImportPage() {
  return (
    <Page testId="page-owner-registry-import">
      <StaffOnly roles={COMMITTEE}>{(communityId) => <Importer communityId={communityId} />}</StaffOnly>
    </Page>
  );
}
