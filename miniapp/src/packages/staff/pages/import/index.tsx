import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { COMMITTEE, type ImportJobView, rosterTransferRoutes } from '@linli/shared';
import { call, messageOf } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ProgressBar, StackedBar, StatTiles } from '@/components/charts';
import { Page } from '@/components/Page/Page';
import { saveTextFile } from '@/lib/files/saveTextFile';
import { ROUTES } from '@/routes';
import { FilePicker } from '@/components/FilePicker/FilePicker';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { formatBytes, type PickedFile } from '@/components/FilePicker/pickedFile';
import { ROSTER_COLUMN_GUIDE, rosterTemplateCsv } from '@/packages/staff/lib/rosterTemplate';
import { uploadToPresignedPost } from '@/lib/upload';
import { forgetRosterOverview } from '@/packages/staff/lib/useRosterOverview';
import { ProblemList } from './ProblemList';
import { RegistryKept } from './RegistryKept';
import '@/packages/staff/staff.scss';
import './index.scss';

export const POLL_INTERVAL_MS = 1500;

type Step =
  | { kind: 'choose' }
  | { kind: 'checking'; file: PickedFile; phase: '上传中' | '校验中' }
  | { kind: 'preview'; file: PickedFile; job: ImportJobView }
  | { kind: 'applying'; job: ImportJobView }
  | { kind: 'done'; job: ImportJobView };

function Summary({ job }: { job: ImportJobView }) {
  const u = job.summary.units;
  return (
    <View data-testid="import-summary">
      <StatTiles
        tiles={[
          { label: '数据行', value: job.summary.rows },
          { label: '网格', value: job.summary.grids },
          { label: '楼栋', value: job.summary.buildings },
          { label: '新增房屋', value: u.added, testId: 'import-added' },
          { label: '更新房屋', value: u.updated, testId: 'import-updated' },
          { label: '不变', value: u.unchanged, testId: 'import-unchanged' },
        ]}
      />
      <View style={{ marginTop: '16px' }}>
        <StackedBar
          testId="import-changes"
          unit="户"
          title="房屋变更"
          segments={[
            { label: '新增', value: u.added },
            { label: '更新', value: u.updated, color: '#f0a020' },
            { label: '不变', value: u.unchanged, color: '#d6dbe1' },
          ]}
        />
      </View>
    </View>
  );
}

function Importer({ communityId }: { communityId: string }) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [picked, setPicked] = useState<PickedFile>();
  const [error, setError] = useState<string>();
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const downloadTemplate = async () => {
    try {
      await saveTextFile('花名册模板.csv', rosterTemplateCsv(), 'text/csv;charset=utf-8');
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  const check = async (file: PickedFile) => {
    setError(undefined);
    setStep({ kind: 'checking', file, phase: '上传中' });
    try {
      const target = await call(rosterTransferRoutes.createImportUpload, {
        params: { communityId },
        body: { fileName: file.name, contentType: file.contentType, size: file.size },
      });
      await uploadToPresignedPost(target, file);
      if (!alive.current) return;
      setStep({ kind: 'checking', file, phase: '校验中' });
      const job = await call(rosterTransferRoutes.previewImport, {
        params: { communityId },
        body: { key: target.key, fileName: file.name },
      });
      if (alive.current) setStep({ kind: 'preview', file, job });
    } catch (e) {
      if (!alive.current) return;
      setError(messageOf(e));
      setStep({ kind: 'choose' });
    }
  };

  const poll = async (job: ImportJobView) => {
    let current = job;
    while (alive.current && current.status === 'applying') {
      await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
      if (!alive.current) return;
      try {
        current = await call(rosterTransferRoutes.getImport, { params: { communityId, jobId: job.jobId } });
      } catch (e) {
        // A dropped poll is not a failed import: say so and keep asking.
        setError(`${messageOf(e)}（导入仍在进行）`);
        continue;
      }
      setError(undefined);
      if (alive.current)
        setStep(current.status === 'applying' ? { kind: 'applying', job: current } : { kind: 'done', job: current });
    }
  };

  const apply = async (job: ImportJobView) => {
    setError(undefined);
    setStep({ kind: 'applying', job });
    try {
      const started = await call(rosterTransferRoutes.applyImport, { params: { communityId, jobId: job.jobId } });
      forgetRosterOverview(communityId);
      if (started.status === 'applying') {
        setStep({ kind: 'applying', job: started });
        await poll(started);
      } else setStep({ kind: 'done', job: started });
    } catch (e) {
      setError(messageOf(e));
      setStep({ kind: 'done', job: { ...job, status: 'failed' } });
    }
  };

  if (step.kind === 'checking') {
    return (
      <Card testId="import-checking">
        <Text className="import__file">{step.file.name}</Text>
        <Text className="staff__line">{step.phase}…大表格可能需要几十秒</Text>
      </Card>
    );
  }

  if (step.kind === 'preview') {
    const blocked = step.job.status === 'invalid' || step.job.problems.length > 0;
    return (
      <View>
        <Card title="校验结果" extra={step.file.name} testId="import-preview">
          <Summary job={step.job} />
          <Text className="staff__line">以上是预览，尚未写入任何数据。</Text>
        </Card>
        {step.job.registryKept.count > 0 && (
          <Card title="以不动产登记为准" testId="import-registry">
            <RegistryKept kept={step.job.registryKept} />
          </Card>
        )}
        {blocked ? (
          <Card title="需要修改" testId="import-blocked">
            <ProblemList problems={step.job.problems} />
            <View className="staff__actions">
              <ActionButton onClick={() => setStep({ kind: 'choose' })} testId="import-restart">
                重新选择文件
              </ActionButton>
            </View>
          </Card>
        ) : (
          <View className="import__actions">
            <ActionButton block onClick={() => void apply(step.job)} testId="import-apply">
              确认导入 {step.job.summary.rows} 行
            </ActionButton>
            <ActionButton block variant="plain" onClick={() => setStep({ kind: 'choose' })} testId="import-cancel">
              取消
            </ActionButton>
          </View>
        )}
      </View>
    );
  }

  if (step.kind === 'applying') {
    return (
      <Card title="正在导入" testId="import-applying">
        <ProgressBar
          value={step.job.progress.written}
          total={step.job.progress.total}
          label="已写入"
          unit=" 条"
          testId="import-progress"
        />
        {error && <Text className="staff__error">{error}</Text>}
        <Text className="staff__line">可以离开此页，导入会在后台继续。</Text>
      </Card>
    );
  }

  if (step.kind === 'done') {
    const ok = step.job.status === 'applied';
    return (
      <Card title={ok ? '导入完成' : '导入没有完成'} testId={ok ? 'import-done' : 'import-failed'}>
        {ok ? (
          <>
            <Summary job={step.job} />
            <ActionButton
              block
              onClick={() => void Taro.redirectTo({ url: ROUTES.staff.overview })}
              testId="import-view-roster"
            >
              查看花名册
            </ActionButton>
          </>
        ) : (
          <>
            <Text className="staff__error">{error ?? '导入中断了。已写入的数据不会重复，可以放心重试。'}</Text>
            <ActionButton block onClick={() => void apply(step.job)} testId="import-retry">
              重试导入
            </ActionButton>
          </>
        )}
      </Card>
    );
  }

  return (
    <View>
      <Card title="1. 准备表格" testId="import-template">
        <Text className="staff__line">按模板填写，一行一套房。导出的花名册也可以修改后再导入，同一套房不会重复。</Text>
        <View className="import__columns">
          {ROSTER_COLUMN_GUIDE.map((c) => (
            <Text key={c.header} className={c.required ? 'import__column import__column--required' : 'import__column'}>
              {c.header}
              {c.required ? ' *' : ''}
            </Text>
          ))}
        </View>
        <Text className="muted">* 为必填列。电话只在工作人员端打码显示。</Text>
        <View className="staff__actions">
          <ActionButton
            size="small"
            variant="secondary"
            onClick={() => void downloadTemplate()}
            testId="import-template-download"
          >
            下载模板（CSV）
          </ActionButton>
        </View>
      </Card>
      <Card title="2. 选择文件" testId="import-choose">
        <Text className="staff__line">支持 .xlsx 和 .csv，最大 10 MB。</Text>
        {picked && (
          <Text className="import__file" data-testid="import-file">
            {picked.name}（{formatBytes(picked.size)}）
          </Text>
        )}
        {error && (
          <Text className="staff__error" aria-live="assertive" data-testid="import-error">
            {error}
          </Text>
        )}
        <View className="import__actions">
          <FilePicker
            label={picked ? '换一个文件' : '选择花名册文件'}
            onPick={(f) => {
              setError(undefined);
              setPicked(f);
            }}
            onReject={setError}
          />
          {picked && (
            <ActionButton block onClick={() => void check(picked)} testId="import-check">
              上传并校验
            </ActionButton>
          )}
        </View>
      </Card>
    </View>
  );
}

/** 导入花名册: template → file → upload → row-by-row check (nothing written) → apply with progress. */
export default function ImportPage() {
  return (
    <Page testId="page-roster-import">
      <StaffOnly roles={COMMITTEE}>{(communityId) => <Importer communityId={communityId} />}</StaffOnly>
    </Page>
  );
}
