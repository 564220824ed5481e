import './bootstrap';
import type { PropsWithChildren } from 'react';
import { SessionProvider } from './session/SessionProvider';
import './app.scss';

/** The app shell: one session for every page, the staff subpackage included. */
export default function App({ children }: PropsWithChildren) {
  return <SessionProvider>{children}</SessionProvider>;
}
