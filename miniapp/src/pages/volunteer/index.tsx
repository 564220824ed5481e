import { Page } from '../../components/Page/Page';
import { PageState } from '../../components/PageState/PageState';

/** 志愿: placeholder until the volunteer / time-bank feature lands. */
export default function VolunteerPage() {
  return (
    <Page testId="page-volunteer">
      <PageState state="empty" testId="volunteer" empty={{ icon: '🤝', title: '志愿服务即将开放', hint: '报名社区志愿活动，签到签退累计服务时长，积分存入爱心时间银行，可兑换社区服务与公益礼品。' }} />
    </Page>
  );
}
