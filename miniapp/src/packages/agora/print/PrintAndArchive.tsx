import { agoraArchiveRoutes, ARCHIVE_YEARS, VOTER_BASIS_LABELS, type TopicView } from '@linli/shared';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { useAsync } from '@/hooks/useAsync';
import { useSubmit } from '@/hooks/useSubmit';
import { formatDate } from '@/lib/format';
import { openRemoteFile } from '@/lib/files/openRemoteFile';
import { withQuery } from '@/routes';

export const PRINT_PAGES = {
  sheets: '/packages/agora/pages/sheets/index',
  bulletin: '/packages/agora/pages/bulletin/index',
} as const;

/**
 * 打印与归档 on 管理议题: the paper 表决票 (household and owners' polls), and once published the 结果公示 to print,
 * the archive zip and how long archives are kept.
 */
export function PrintAndArchive({ communityId, topic }: { communityId: string; topic: TopicView }) {
  const params = { communityId, topicId: topic.topicId };
  const [archived, setArchived] = useState<{ retainUntil: string; files: number }>();
  const published = topic.phase === 'published' && !!topic.result;
  const settings = useAsync(
    () => call(agoraArchiveRoutes.getArchiveSettings, { params: { communityId } }),
    [communityId],
    {
      enabled: published,
    },
  );
  const { submit, busyKey } = useSubmit(async (_key: string, work: () => Promise<void>) => work(), {
    key: (k) => k,
    onError: (message) => void Taro.showToast({ title: message, icon: 'none' }),
  });
  const paper = topic.vote && topic.vote.basisLabel !== VOTER_BASIS_LABELS.person;
  return (
    <Card title="打印与归档" testId="manage-print">
      <View className="agora__actions">
        {paper && (
          <ActionButton
            size="small"
            variant="secondary"
            onClick={() => void Taro.navigateTo({ url: withQuery(PRINT_PAGES.sheets, params) })}
            testId="manage-print-sheets"
          >
            打印表决票
          </ActionButton>
        )}
        {published && (
          <ActionButton
            size="small"
            variant="secondary"
            onClick={() => void Taro.navigateTo({ url: withQuery(PRINT_PAGES.bulletin, params) })}
            testId="manage-print-bulletin"
          >
            打印结果公示
          </ActionButton>
        )}
        {published && (
          <ActionButton
            size="small"
            variant="secondary"
            loading={busyKey === 'archive'}
            onClick={() =>
              void submit('archive', async () => {
                const file = await call(agoraArchiveRoutes.archiveVote, { params });
                setArchived(file);
                await openRemoteFile(file.url, file.fileName);
              })
            }
            testId="manage-archive"
          >
            导出表决归档（zip）
          </ActionButton>
        )}
      </View>
      {archived && (
        <Text className="agora__hint" data-testid="manage-archive-done">
          已归档 {archived.files} 个文件，保存至 {formatDate(archived.retainUntil)}
          ，到期自动删除（公示结果与选票记录仍保留）。
        </Text>
      )}
      {published && settings.data && (
        <View className="agora__actions" data-testid="manage-archive-years">
          <Text className="agora__hint">归档保存年限：</Text>
          {ARCHIVE_YEARS.map((years) => (
            <ActionButton
              key={years}
              size="small"
              variant={settings.data?.years === years ? 'primary' : 'plain'}
              loading={busyKey === `years-${years}`}
              onClick={() =>
                void submit(`years-${years}`, async () => {
                  const next = await call(agoraArchiveRoutes.updateArchiveSettings, {
                    params: { communityId },
                    body: { years },
                  });
                  settings.setData(() => next);
                })
              }
              testId={`manage-archive-years-${years}`}
            >
              {`${years} 年`}
            </ActionButton>
          ))}
        </View>
      )}
    </Card>
  );
}
