import type { OwnerProxyState } from '@linli/shared';
import { withQuery } from '@/routes';

/** 书面委托 pages (this subpackage only: their paths stay out of the main package's ROUTES). */
export const OWNER_PROXY_PAGES = {
  owner: '/packages/agora/pages/owner-proxy/index',
  proxy: '/packages/agora/pages/proxy-votes/index',
  committee: '/packages/agora/pages/proxies/index',
} as const;

export const ownerProxyPath = (page: keyof typeof OWNER_PROXY_PAGES, query: Record<string, string | undefined>) =>
  withQuery(OWNER_PROXY_PAGES[page], query);

export const PROXY_STATE: Record<OwnerProxyState, { label: string; tone: 'info' | 'success' | 'warning' | 'neutral' }> =
  {
    pending: { label: '待居委会核验', tone: 'warning' },
    confirmed: { label: '委托有效', tone: 'success' },
    rejected: { label: '已退回', tone: 'neutral' },
    revoked: { label: '已撤销', tone: 'neutral' },
  };

export const CHANNEL_WORDS = { online: '业主本人线上投票', paper: '纸质票', proxy: '受托人代为投票' } as const;

/** A 委托码 read out in two groups of four. */
export const spacedCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;
