import { Page } from '@/components/Page/Page';
import { SessionsList } from './SessionsList';
import '@/packages/account/account.scss';

/**
 * 登录设备 (我的 → 登录设备): where this account is signed in, and 退出所有设备. A page of its own in the
 * account subpackage rather than a card on 我的, which is a tab page in the main package (its budget).
 */
export default function SessionsPage() {
  return (
    <Page testId="page-sessions">
      <SessionsList />
    </Page>
  );
}
