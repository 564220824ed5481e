import { addDays, addHours, addMinutes, chinaDateTime, chinaMidnight } from '@linli/shared';

/** `11-22 18:00` */
const label = (d: Date) => chinaDateTime(d).slice(5);

/**
 * Times a handler may promise (一事一诺), without a date-time wheel: end of today, of the next few
 * days, and the deadline of the level itself — only those at least half an hour away and not after
 * the deadline, which is all the server accepts. Days and hours are China time, as the server's.
 */
export function promiseChoices(deadline: string | undefined, now = new Date()): { value: string; label: string }[] {
  const limit = deadline ? Date.parse(deadline) : addDays(now, 7).getTime();
  const days = ['今天', '明天', '后天', '3 天后', '5 天后', '7 天后'];
  const offsets = [0, 1, 2, 3, 5, 7];
  const choices = offsets.map((offset, i) => {
    const d = addHours(addDays(chinaMidnight(now), offset), 18);
    return { value: d.toISOString(), label: `${days[i]} 18:00 前`, at: d.getTime() };
  });
  const soonest = addMinutes(now, 30).getTime();
  const fits = choices
    .filter((c) => c.at > soonest && c.at <= limit)
    .map(({ value, label: l }) => ({ value, label: l }));
  if (deadline && Date.parse(deadline) > soonest)
    fits.push({ value: new Date(limit).toISOString(), label: `时限内（${label(new Date(limit))} 前）` });
  return fits;
}
