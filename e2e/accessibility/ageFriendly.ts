/**
 * The numbers of 工信部《移动互联网应用（APP）适老化通用设计规范》 the H5 build is held to, measured in the page:
 * text size (大字模式 only: every visible character at least 18 px, what a resident types included), tap targets
 * (60×60 px in 大字模式, 44×44 otherwise), text contrast (4.5:1 for all text, not WCAG's 3:1 for large text), and no
 * information by colour alone (a chosen option must differ from the others in more than colour).
 */
export interface AgeFriendlyRules {
  /** Smallest font size of any visible text, px; 0 to skip (normal mode). */
  minFontPx: number;
  /** Smallest width and height of a tap target, px. */
  minTargetPx: number;
  minContrast: number;
}

export const AGE_FRIENDLY = {
  large: { minFontPx: 18, minTargetPx: 60, minContrast: 4.5 },
  normal: { minFontPx: 0, minTargetPx: 44, minContrast: 4.5 },
} satisfies Record<string, AgeFriendlyRules>;

export interface AgeFriendlyFinding {
  rule: 'text-size' | 'tap-target' | 'contrast' | 'colour-only';
  /** A short CSS path to the element, with its text. */
  where: string;
  measured: string;
}

/**
 * Runs in the browser (passed to `page.evaluate`), so it is self-contained: no imports, no closures.
 * The page is the visible Taro page (`.taro_page`) plus any open dialog; Taro's H5 tab bar is left out because on
 * WeChat, the product, the tab bar is WeChat's own native bar (its text follows WeChat's font setting).
 */
export function measureAgeFriendly(rules: AgeFriendlyRules): AgeFriendlyFinding[] {
  const findings: AgeFriendlyFinding[] = [];
  const TARGETS =
    'a[href],button,input:not([type=hidden]),textarea,select,[role=button],[role=link],[role=checkbox],[role=radio],' +
    '[role=switch],[role=tab],[role=option],[role=menuitem],taro-button-core,taro-switch-core,taro-checkbox-core,' +
    'taro-radio-core,taro-picker-core,taro-textarea-core,taro-input-core';

  const visible = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none';
  };
  const describe = (el: Element): string => {
    const parts: string[] = [];
    let e: Element | null = el;
    for (let i = 0; e && i < 3; i++, e = e.parentElement) {
      const id = e.getAttribute('data-testid');
      parts.unshift(
        id ? `[data-testid=${id}]` : `${e.tagName.toLowerCase()}${e.classList[0] ? `.${e.classList[0]}` : ''}`,
      );
      if (id) break;
    }
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24);
    return `${parts.join(' > ')}${text ? ` “${text}”` : ''}`;
  };
  /** React's props on the DOM node: a View with onClick is a tap target even without a role. */
  const tappable = (el: Element): boolean => {
    const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
    const props = key ? (el as unknown as Record<string, { onClick?: unknown; onTap?: unknown }>)[key] : undefined;
    return !!props && (typeof props.onClick === 'function' || typeof props.onTap === 'function');
  };
  const disabled = (el: Element): boolean =>
    !!el.closest('[disabled]:not([disabled=false]),[aria-disabled=true],.action-button--disabled');

  const roots = [...document.querySelectorAll('.taro_page')].filter(visible);
  roots.push(...[...document.querySelectorAll('.taro__modal,.taro__actionSheet,.taro__toast')].filter(visible));

  // 1. Text size and 3. contrast: every visible text node, and what is typed into a field.
  const seen = new Set<Element>();
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || seen.has(el) || !(node.textContent ?? '').trim() || !visible(el)) continue;
      seen.add(el);
      const cs = getComputedStyle(el);
      const size = parseFloat(cs.fontSize);
      if (rules.minFontPx && size < rules.minFontPx - 0.05)
        findings.push({ rule: 'text-size', where: describe(el), measured: `${size.toFixed(1)} px` });
      if (!disabled(el)) {
        const ratio = contrastOf(el);
        if (ratio !== undefined && ratio < rules.minContrast)
          findings.push({ rule: 'contrast', where: describe(el), measured: `${ratio.toFixed(2)}:1 (${cs.color})` });
      }
    }
    for (const field of root.querySelectorAll(
      'input:not([type=checkbox]):not([type=radio]):not([type=file]),textarea',
    )) {
      if (!visible(field)) continue;
      const size = parseFloat(getComputedStyle(field).fontSize);
      if (rules.minFontPx && size < rules.minFontPx - 0.05)
        findings.push({ rule: 'text-size', where: describe(field), measured: `typed text ${size.toFixed(1)} px` });
    }
  }

  // 2. Tap targets: a small control inside a bigger target that takes the same tap (a switch in its row) passes.
  const targets = new Set<Element>();
  for (const root of roots) {
    for (const el of root.querySelectorAll(TARGETS)) targets.add(el);
    for (const el of root.querySelectorAll('*')) if (tappable(el)) targets.add(el);
  }
  const bigEnough = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    return r.width >= rules.minTargetPx - 0.5 && r.height >= rules.minTargetPx - 0.5;
  };
  for (const el of targets) {
    if (!visible(el) || bigEnough(el)) continue;
    // A Taro component's own inner element (the <input> of taro-input-core) is measured by its wrapper.
    if (el.parentElement?.closest(TARGETS) && el.parentElement.closest(TARGETS)?.tagName.includes('-CORE')) {
      const wrapper = el.parentElement.closest(TARGETS) as Element;
      if (wrapper !== el && wrapper.contains(el) && bigEnough(wrapper)) continue;
    }
    let outer = el.parentElement;
    while (outer && !(targets.has(outer) && bigEnough(outer))) outer = outer.parentElement;
    if (outer) continue;
    const r = el.getBoundingClientRect();
    findings.push({
      rule: 'tap-target',
      where: describe(el),
      measured: `${r.width.toFixed(0)}×${r.height.toFixed(0)} px`,
    });
  }

  // 4. Colour alone: a chosen option (radio, tab, switch-like chip) must look different from an unchosen one in
  // more than colour: a mark, a weight, a border width, an outline.
  const signature = (el: Element): string => {
    const cs = getComputedStyle(el);
    const marks = [...el.querySelectorAll('*')].filter((c) => visible(c) && !(c.textContent ?? '').trim()).length;
    return [
      getComputedStyle(el, '::before').content,
      getComputedStyle(el, '::after').content,
      cs.fontWeight,
      cs.borderTopWidth,
      cs.borderLeftWidth,
      cs.outlineWidth,
      cs.textDecorationLine,
      marks,
    ].join('|');
  };
  const groups = new Map<Element, Element[]>();
  for (const root of roots)
    for (const el of root.querySelectorAll('[role=radio],[role=tab],[role=option],[role=checkbox],[aria-pressed]')) {
      if (!visible(el) || !el.parentElement) continue;
      groups.set(el.parentElement, [...(groups.get(el.parentElement) ?? []), el]);
    }
  const chosen = (el: Element) =>
    ['aria-checked', 'aria-selected', 'aria-pressed'].some((a) => el.getAttribute(a) === 'true');
  for (const options of groups.values()) {
    const on = options.find(chosen);
    const off = options.find((o) => !chosen(o));
    if (on && off && signature(on) === signature(off))
      findings.push({
        rule: 'colour-only',
        where: describe(on),
        measured: 'the chosen option differs from the others only in colour',
      });
  }
  return findings;

  function rgba(value: string): [number, number, number, number] | undefined {
    const m = /rgba?\(([^)]+)\)/.exec(value);
    if (!m) return undefined;
    const [r, g, b, a = '1'] = (m[1] as string).split(/[,\s/]+/).filter(Boolean);
    return [Number(r), Number(g), Number(b), Number(a)];
  }
  function luminance([r, g, b]: number[]): number {
    const lin = (c: number) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r as number) + 0.7152 * lin(g as number) + 0.0722 * lin(b as number);
  }
  /** Text colour against the first opaque background behind it; undefined where an image or gradient is behind. */
  function contrastOf(el: Element): number | undefined {
    const fg = rgba(getComputedStyle(el).color);
    if (!fg) return undefined;
    const layers: [number, number, number, number][] = [];
    let opacity = 1;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      opacity *= Number(cs.opacity);
      if (cs.backgroundImage !== 'none') return undefined;
      const bg = rgba(cs.backgroundColor);
      if (bg && bg[3] > 0) {
        layers.push(bg);
        if (bg[3] >= 1) break;
      }
    }
    let back: number[] = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse())
      back = [r * a + back[0]! * (1 - a), g * a + back[1]! * (1 - a), b * a + back[2]! * (1 - a)];
    const a = fg[3] * opacity;
    const text = [fg[0] * a + back[0]! * (1 - a), fg[1] * a + back[1]! * (1 - a), fg[2] * a + back[2]! * (1 - a)];
    const [hi, lo] = [luminance(text), luminance(back)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  }
}
