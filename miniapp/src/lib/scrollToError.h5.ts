/** The class every field or line showing a field's error carries, so a failed submit can bring the first into view. */
export const FORM_ERROR = 'form-error';

/**
 * Brings the first error on the page into view after a failed submit: a long form (the 议事 wizard) would otherwise
 * say what is wrong where the user is not looking. H5 has the DOM; the page, not the window, is what scrolls.
 */
export function scrollToFirstError(): void {
  const first = document.querySelector(`.${FORM_ERROR}`);
  first?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
}
