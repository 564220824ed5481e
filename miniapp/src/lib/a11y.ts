/**
 * Lets a tappable View take keyboard focus in the H5 build (the console, browser tests). Taro's `ViewProps` do not
 * list `tabIndex`, and WeChat's templates drop it, so it is spread in rather than typed.
 */
export const focusable: Record<string, unknown> = { tabIndex: 0 };
