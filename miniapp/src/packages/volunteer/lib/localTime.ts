import { chinaDateTime, chinaInstant } from '@linli/shared';

/** "2026-11-22 14:00" in China time (whatever zone the phone is set to), as the form shows an instant. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return '';
  return chinaDateTime(iso);
}

/** The instant a typed "2026-11-22 14:00" (China time) means, or the text as is (the server then names the field). */
export function fromLocalInput(text: string): string {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return text.trim();
  const [, y, mo, d, h, mi] = m.map(Number) as number[];
  const date = chinaInstant(y as number, mo as number, d as number, h, mi);
  return Number.isNaN(date.getTime()) ? text.trim() : date.toISOString();
}
