import type { ReactNode } from 'react';
import type { Role } from '@linli/shared';
import { PageState } from '@/components/PageState/PageState';
import { useSession } from '@/session/SessionProvider';

/**
 * Shows a page to the roles its routes admit in the current community (the server still decides,
 * per object: only the organiser of an activity sees its roster).
 */
export function RoleGate({
  roles,
  hint,
  children,
}: {
  roles: readonly Role[];
  hint: string;
  children: (communityId: string) => ReactNode;
}) {
  const session = useSession();
  if (!session.communityId || !session.hasRole(...roles))
    return <PageState state="empty" testId="forbidden" empty={{ icon: 'lock', title: '暂时不能使用此功能', hint }} />;
  return <>{children(session.communityId)}</>;
}
