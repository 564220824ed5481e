const pad = (n: number) => String(n).padStart(2, '0');
const label = (d: Date) => `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

/**
 * Times a handler may promise (一事一诺), without a date-time wheel: end of today, of the next few
 * days, and the deadline of the level itself — only those at least half an hour away and not after
 * the deadline, which is all the server accepts.
 */
export function promiseChoices(deadline: string | undefined, now = new Date()): { value: string; label: string }[] {
  const limit = deadline ? Date.parse(deadline) : now.getTime() + 7 * 86_400_000;
  const days = ['今天', '明天', '后天', '3 天后', '5 天后', '7 天后'];
  const offsets = [0, 1, 2, 3, 5, 7];
  const choices = offsets.map((offset, i) => {
    const d = new Date(now);
    d.setDate(d.getDate() + offset);
    d.setHours(18, 0, 0, 0);
    return { value: d.toISOString(), label: `${days[i]} 18:00 前`, at: d.getTime() };
  });
  const fits = choices
    .filter((c) => c.at > now.getTime() + 30 * 60_000 && c.at <= limit)
    .map(({ value, label: l }) => ({ value, label: l }));
  if (deadline && Date.parse(deadline) > now.getTime() + 30 * 60_000)
    fits.push({ value: new Date(limit).toISOString(), label: `时限内（${label(new Date(limit))} 前）` });
  return fits;
}
