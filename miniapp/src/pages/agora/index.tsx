import { Page } from '../../components/Page/Page';
import { PageState } from '../../components/PageState/PageState';

/** 议事: placeholder until the deliberation and voting feature lands. */
export default function AgoraPage() {
  return (
    <Page testId="page-agora">
      <PageState state="empty" testId="agora" empty={{ icon: '🗳️', title: '议事厅即将开放', hint: '社区公共事务在这里公开讨论、一户一票表决，结果和办理进度全程公开。' }} />
    </Page>
  );
}
