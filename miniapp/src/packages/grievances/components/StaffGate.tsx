import type { ReactNode } from 'react';
import type { Role } from '@linli/shared';
import { PageState } from '@/components/PageState/PageState';
import { useSession } from '@/session/SessionProvider';

/** Shows a handler's or committee tool only to the roles its routes admit; the server still decides (403). */
export function StaffGate({
  roles,
  children,
}: {
  roles: readonly Role[];
  children: (communityId: string) => ReactNode;
}) {
  const session = useSession();
  if (!session.communityId || !session.hasRole(...roles)) {
    return (
      <PageState
        state="empty"
        testId="forbidden"
        empty={{ icon: 'lock', title: '您没有权限使用此功能', hint: '需要网格员、居委会或街道工作人员身份。' }}
      />
    );
  }
  return <>{children(session.communityId)}</>;
}
