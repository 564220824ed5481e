import { useRouter } from '@tarojs/taro';
import { COMMITTEE, reachRoutes, REACH_SUBJECTS, type ReachSubject } from '@linli/shared';
import { call } from '@/api';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { useAsync } from '@/hooks/useAsync';
import { readParam } from '@/routes';
import { ReachReport } from './ReachReport';
import '@/packages/staff/staff.scss';

const subjectOf = (value: string | undefined): ReachSubject =>
  (REACH_SUBJECTS as readonly string[]).includes(value ?? '') ? (value as ReachSubject) : 'notice';

function Reach({ communityId, subject, subjectId }: { communityId: string; subject: ReachSubject; subjectId: string }) {
  const reach = useAsync(
    () => call(reachRoutes.getReach, { params: { communityId, subjectId }, query: { subject } }),
    [communityId, subject, subjectId],
  );
  return (
    <AsyncView
      state={reach}
      testId="reach"
      isEmpty={(r) => r.households === 0}
      empty={{ icon: 'empty', title: '范围内没有房屋', hint: '这条通知的范围里还没有登记的房屋。' }}
    >
      {(r) => <ReachReport reach={r} />}
    </AsyncView>
  );
}

/**
 * 触达情况 of a committee notice or a poll (opened from 发布通知 → 已发布, and from 议题管理): the committee
 * sees every household addressed, a grid worker their grid, a 楼长 their building.
 */
export default function ReachPage() {
  const { params } = useRouter();
  const subject = subjectOf(readParam(params.subject));
  const subjectId = readParam(params.id) ?? '';
  return (
    <Page testId="page-reach">
      <StaffOnly roles={['buildingHead', 'gridWorker', ...COMMITTEE]}>
        {(communityId) => <Reach communityId={communityId} subject={subject} subjectId={subjectId} />}
      </StaffOnly>
    </Page>
  );
}
