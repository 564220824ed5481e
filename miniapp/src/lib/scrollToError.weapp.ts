import Taro from '@tarojs/taro';

/** The class every field or line showing a field's error carries, so a failed submit can bring the first into view. */
export const FORM_ERROR = 'form-error';

/**
 * Brings the first error on the page into view after a failed submit: a long form (the 议事 wizard) would otherwise
 * say what is wrong where the user is not looking. WeChat has no DOM: measure the first error against the viewport,
 * then scroll the page there (a little above it, so its label shows too).
 */
export function scrollToFirstError(): void {
  Taro.createSelectorQuery()
    .select(`.${FORM_ERROR}`)
    .boundingClientRect()
    .selectViewport()
    .scrollOffset()
    .exec((res: [{ top: number } | null, { scrollTop: number } | null]) => {
      const [rect, viewport] = res;
      if (!rect || !viewport) return;
      void Taro.pageScrollTo({ scrollTop: Math.max(0, viewport.scrollTop + rect.top - 80), duration: 200 });
    });
}
