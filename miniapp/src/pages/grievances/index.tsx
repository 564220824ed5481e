import { Page } from '../../components/Page/Page';
import { PageState } from '../../components/PageState/PageState';

/** 诉求: placeholder until the grievance feature lands. */
export default function GrievancesPage() {
  return (
    <Page testId="page-grievances">
      <PageState state="empty" testId="grievances" empty={{ icon: '📝', title: '诉求即将开放', hint: '在这里向社区反映身边的问题：楼道照明、环境卫生、邻里纠纷……网格员接单办理，办结后请您评价。' }} />
    </Page>
  );
}
