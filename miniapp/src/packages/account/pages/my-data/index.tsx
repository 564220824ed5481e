import { identityApi } from '@linli/shared';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call, messageOf } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Cell, CellGroup } from '@/components/Cell/Cell';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { formatDateTime } from '@/lib/format';
import { saveTextFile } from '@/lib/files/saveTextFile';
import './index.scss';

/** Known section names of the export, in residents' words; unknown ones show their key. */
const SECTION_LABELS: Record<string, string> = {
  profile: '个人资料',
  user: '个人资料',
  memberships: '绑定的房屋',
  bindings: '绑定申请',
  grants: '社区角色',
  roles: '社区角色',
  privacy: '隐私同意记录',
  consents: '隐私同意记录',
  sessions: '登录记录',
  grievances: '诉求',
  volunteering: '志愿服务',
  ledger: '积分流水',
  ballots: '投票参与记录',
  audit: '操作记录',
};

function countOf(value: unknown): string {
  if (Array.isArray(value)) return `${value.length} 条`;
  if (value && typeof value === 'object') return `${Object.keys(value).length} 项`;
  if (value === null || value === undefined) return '无';
  return '1 项';
}

/** 导出我的数据: everything the system holds about me, summarised, with copy and save. */
export default function MyDataPage() {
  const data = useAsync(() => call(identityApi.exportMyData), []);

  const json = data.data ? JSON.stringify(data.data, null, 2) : '';
  const fileName = `linli-my-data-${(data.data?.exportedAt ?? '').slice(0, 10) || 'export'}.json`;

  const copy = async () => {
    await Taro.setClipboardData({ data: json });
    void Taro.showToast({ title: '已复制', icon: 'success' });
  };

  const save = async () => {
    try {
      const how = await saveTextFile(fileName, json, 'application/json');
      if (how === 'saved') void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  return (
    <Page testId="page-my-data">
      <AsyncView state={data} testId="my-data" loadingText="正在汇总您的数据…">
        {(exported) => (
          <View>
            <Card title="数据概览" extra={`导出于 ${formatDateTime(exported.exportedAt)}`} testId="my-data-summary">
              <Text className="muted">以下是邻里保存的与您有关的全部数据。注销账号前可以先保存一份。</Text>
            </Card>
            <CellGroup testId="my-data-sections">
              {Object.entries(exported.sections).map(([key, value]) => (
                <Cell
                  key={key}
                  title={SECTION_LABELS[key] ?? key}
                  value={countOf(value)}
                  arrow={false}
                  testId={`my-data-section-${key}`}
                />
              ))}
            </CellGroup>
            <View className="my-data__actions">
              <ActionButton block onClick={() => void save()} testId="my-data-save">
                保存为文件
              </ActionButton>
              <ActionButton block variant="secondary" onClick={() => void copy()} testId="my-data-copy">
                复制全部（JSON）
              </ActionButton>
            </View>
            <Card title="原始数据（JSON）">
              <Text className="my-data__json" userSelect data-testid="my-data-json">
                {json.length > 4000 ? `${json.slice(0, 4000)}\n…（共 ${json.length} 字，完整内容请保存或复制）` : json}
              </Text>
            </Card>
          </View>
        )}
      </AsyncView>
    </Page>
  );
}
