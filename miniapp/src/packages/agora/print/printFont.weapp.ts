/** The weapp has no printing; its system font has CJK. The browser build loads Noto Sans SC (printFont.h5.ts). */
export const PRINT_FONT = 'Noto Sans SC';
