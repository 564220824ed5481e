import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useEffect, type ReactNode } from 'react';
import { cx } from '@/lib/classNames';
import { useKeyboardScroll } from '@/lib/keyboardScroll';
import { relaunchOnce } from '@/lib/navigation';
import { ROUTES, withQuery } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { PageState } from '@/components/PageState/PageState';

export interface PageProps {
  /** `data-testid` of the page root, e.g. `page-me`. */
  testId: string;
  children?: ReactNode;
  /**
   * `signedIn` (default) needs a session whose privacy guideline is accepted; `privacy` needs only a
   * session (the guideline page itself); `public` needs nothing (sign-in).
   */
  access?: 'signedIn' | 'privacy' | 'public';
  className?: string;
}

/**
 * Root of every page: applies large-text mode (大字模式) as a class so every font size scales, and
 * sends people who are not signed in, or have not accepted the privacy guideline, where they must go first.
 */
export function Page({ testId, children, access = 'signedIn', className }: PageProps) {
  const session = useSession();
  const mustAcceptPrivacy = !!session.me?.privacy.mustAccept;
  // Signed out: the community's public page (its `cid` from a share link or QR code), not a wall.
  const redirect =
    access === 'public'
      ? undefined
      : session.status === 'signedOut'
        ? withQuery(ROUTES.public.community, { cid: Taro.getCurrentInstance().router?.params.cid })
        : access === 'signedIn' && mustAcceptPrivacy
          ? ROUTES.privacy
          : undefined;

  useEffect(() => {
    if (redirect) relaunchOnce(redirect);
  }, [redirect]);
  useKeyboardScroll();

  let content: ReactNode = children;
  if (access !== 'public') {
    if (session.status === 'error')
      content = <PageState state="error" error={session.error} onRetry={session.retry} testId="session" />;
    else if (session.status !== 'signedIn' || redirect) content = <PageState state="loading" testId="session" />;
  }

  return (
    <View
      className={cx('page', session.largeText && 'page--large', className)}
      data-testid={testId}
      data-large-text={session.largeText ? 'on' : 'off'}
    >
      {content}
    </View>
  );
}
