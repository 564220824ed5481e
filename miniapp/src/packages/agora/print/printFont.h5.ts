/**
 * The print pages' CJK font, for the browser build (the H5 console) only: machines without a CJK system font
 * (a CI runner, a Linux office PC) would print tofu. Noto Sans SC 400 from @fontsource: the stylesheet is a list
 * of unicode-range faces, so the browser fetches only the ~100 subsets (tens of KB each) whose characters the
 * page uses. Imported by the two print pages alone, so no other page loads it; the weapp build gets the stub.
 */
import '@fontsource/noto-sans-sc/400.css';

export const PRINT_FONT = 'Noto Sans SC';
