const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-22 14:00" in the device's time zone, as the form shows an instant. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a typed "2026-11-22 14:00" means on this device, or the text as is (the server then names the field). */
export function fromLocalInput(text: string): string {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return text.trim();
  const [, y, mo, d, h, mi] = m.map(Number) as number[];
  const date = new Date(y as number, (mo as number) - 1, d, h, mi);
  return Number.isNaN(date.getTime()) ? text.trim() : date.toISOString();
}
