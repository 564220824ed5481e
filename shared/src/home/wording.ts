import { addDays, chinaDate, chinaTimeLabel, type Instant } from '../time/chinaTime';

/** `今天 18:00`, `明天 09:30`, else `12月9日 09:30`: how a moment near now reads on the home page. */
export function nearTimeLabel(at: Instant, now: Date): string {
  const day = chinaDate(at);
  const time = chinaTimeLabel(at).split(' ')[1];
  if (day === chinaDate(now)) return `今天 ${time}`;
  if (day === chinaDate(addDays(now, 1))) return `明天 ${time}`;
  return chinaTimeLabel(at);
}
