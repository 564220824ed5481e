const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-22 14:05 in the device's time zone. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDate(iso: string | undefined): string {
  return formatDateTime(iso).slice(0, 10);
}

/** 1,234.5 — thousands separated, at most `digits` decimals, no locale APIs (absent on some devices). */
export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return '—';
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  const [int, frac] = String(Math.abs(rounded)).split('.');
  const grouped = (int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** ABCD-2345: an invitation code read aloud in two halves. */
export function formatInvitationCode(code: string): string {
  const c = code.replace(/[\s-]/g, '').toUpperCase();
  return c.length === 8 ? `${c.slice(0, 4)}-${c.slice(4)}` : c;
}

// Label ordering lives in shared so the API and the app sort grids, buildings and doors alike.
export { chineseNumeral, naturalCompare } from '@linli/shared';
