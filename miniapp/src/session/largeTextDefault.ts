/** WeChat's font setting at or above this scale (1.4× its standard size) turns 大字模式 on. */
export const LARGE_TEXT_FONT_SCALE = 1.4;

/** 大字模式 on first launch, before the person has chosen: it follows the font size they set in WeChat. */
export const largeTextFromSystem = (scale: number | undefined): boolean =>
  scale !== undefined && scale >= LARGE_TEXT_FONT_SCALE;
