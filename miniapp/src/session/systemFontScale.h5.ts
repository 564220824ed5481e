/**
 * In the browser (the console, browser tests) the user's font setting is the browser's default font size: what
 * `font-size: medium` comes to, over the usual 16 px. Taro sets the root element's size for its rem units, so
 * the probe asks for `medium` itself rather than reading the root.
 */
export function systemFontScale(): number | undefined {
  if (typeof document === 'undefined' || !document.body) return undefined;
  const probe = document.createElement('span');
  probe.style.fontSize = 'medium';
  document.body.appendChild(probe);
  const px = parseFloat(getComputedStyle(probe).fontSize);
  probe.remove();
  return px > 0 ? px / 16 : undefined;
}
