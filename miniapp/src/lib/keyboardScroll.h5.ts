import { useEffect } from 'react';

/**
 * Taro's H5 router makes each page (`.taro_page`) a scroll container of its own. A keyboard user can scroll it only
 * once it can take focus: a page whose content has no link or button (a ledger, a list being read) would otherwise
 * be stuck (axe: scrollable-region-focusable).
 */
export function useKeyboardScroll(): void {
  useEffect(() => {
    for (const page of document.querySelectorAll('.taro_page:not([tabindex])')) page.setAttribute('tabindex', '0');
  });
}
