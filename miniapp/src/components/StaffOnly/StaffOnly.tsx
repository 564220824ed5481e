import type { ReactNode } from 'react';
import type { Role } from '@linli/shared';
import { PageState } from '@/components/PageState/PageState';
import { useSession } from '@/session/SessionProvider';

/**
 * Shows a role tool only to the roles its routes admit in the current community. The server is the
 * authority (it answers 403); this spares people a screen that would only fail.
 */
export function StaffOnly({
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
        empty={{ icon: 'lock', title: '您没有权限使用此功能', hint: '需要社区工作人员身份。如有疑问请联系居委会。' }}
      />
    );
  }
  return <>{children(session.communityId)}</>;
}
