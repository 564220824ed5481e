import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { streetsApi } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Cell, CellGroup } from '@/components/Cell/Cell';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { useForm } from '@/hooks/useForm';
import { useReshow } from '@/hooks/useReshow';
import { ROUTES, withQuery } from '@/routes';
import '@/packages/street/street.scss';

const go = (url: string) => () => void Taro.navigateTo({ url });

/** 新建街道: an administrator's form (name, 所属区县, the county's 行政区划代码). */
function NewStreet({ onCreated }: { onCreated(): void }) {
  const form = useForm({ name: '', district: '', regionCode: '' }, async (values) => {
    const street = await call(streetsApi.createStreet, { body: values });
    form.reset({ name: '', district: '', regionCode: '' });
    onCreated();
    void Taro.navigateTo({ url: withQuery(ROUTES.street.street, { streetId: street.streetId }) });
  });
  const formError = Object.keys(form.errors).length ? undefined : form.error;
  return (
    <Card title="新建街道" testId="street-new">
      <TextField
        label="街道名称"
        required
        maxLength={30}
        placeholder="例如 东街街道"
        {...form.field('name')}
        inputTestId="input-street-name"
      />
      <TextField
        label="所属区县"
        required
        maxLength={30}
        placeholder="例如 福州市鼓楼区"
        {...form.field('district')}
        inputTestId="input-street-district"
      />
      <TextField
        label="区划代码"
        required
        maxLength={6}
        type="number"
        hint="区县级行政区划代码，6 位数字（如鼓楼区 350102）"
        {...form.field('regionCode')}
        inputTestId="input-street-region"
      />
      {formError && (
        <Text className="street__error" aria-live="assertive" data-testid="street-new-error">
          {formError}
        </Text>
      )}
      <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="street-create">
        创建街道
      </ActionButton>
    </Card>
  );
}

/**
 * 工作人员开通: the way in for people who run communities rather than live in them — accept a staff
 * invitation code (or the deployment's one-time 初始化代码), and for street offices and administrators
 * their streets (and, for an administrator, a new street).
 */
export default function StreetHubPage() {
  const streets = useAsync(() => call(streetsApi.listStreets), []);
  useReshow(() => void streets.reload());
  return (
    <Page testId="page-street-hub">
      <CellGroup>
        <Cell
          title="接受邀请"
          description="输入街道发给您的工作人员邀请码，或部署时生成的初始化代码"
          onClick={go(ROUTES.street.accept)}
          testId="street-hub-accept"
        />
      </CellGroup>
      <Card title="我负责的街道" testId="street-hub-streets">
        <AsyncView
          state={streets}
          compact
          testId="street-list"
          isEmpty={(s) => s.items.length === 0}
          empty={{ title: '您还没有负责的街道', hint: '街道工作人员接受邀请后，这里会列出本街道。' }}
        >
          {(s) => (
            <CellGroup>
              {s.items.map((street) => (
                <Cell
                  key={street.streetId}
                  title={street.name}
                  description={`${street.district} · ${street.communityCount} 个社区`}
                  onClick={go(withQuery(ROUTES.street.street, { streetId: street.streetId }))}
                  testId={`street-${street.streetId}`}
                />
              ))}
            </CellGroup>
          )}
        </AsyncView>
      </Card>
      {streets.data?.admin && <NewStreet onCreated={() => void streets.reload()} />}
    </Page>
  );
}
