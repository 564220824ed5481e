import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { SessionProvider } from '@/session/SessionProvider';

/** Renders a page inside the real SessionProvider (which loads `GET /me` through the fake API). */
export function renderWithSession(ui: ReactElement): RenderResult {
  return render(<SessionProvider>{ui}</SessionProvider>);
}
