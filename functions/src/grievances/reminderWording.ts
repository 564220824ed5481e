import { chinaDateTime, HOUR_MS, MINUTE_MS } from '@linli/shared';

// Server-only wording, kept out of shared/: every shared export ships in the mini-program's main package.
/**
 * What a 催办 says (title, the timeline's note, and the short note of the subscribe message), from the time it goes out: a deadline still ahead is named with the time left; one already
 * past (the sweep first saw the case late, or the demo clock jumped) is said to be past, never "请于 <a past
 * time> 前…". `late` is what is due: 受理 or 办结.
 */
export function reminderWording(
  dueAt: string,
  now: Date,
  late: '受理' | '办结',
): { title: string; note: string; short: string } {
  const left = Date.parse(dueAt) - now.getTime();
  if (left <= 0)
    return {
      title: `诉求已超时，请尽快${late}`,
      note: `已超过${late}时限（${chinaDateTime(dueAt)}），请尽快${late}`,
      short: `请尽快${late}`,
    };
  const hours = Math.floor(left / HOUR_MS);
  const within = hours >= 1 ? `${hours} 小时` : `${Math.max(1, Math.ceil(left / MINUTE_MS))} 分钟`;
  return {
    title: `诉求即将超时，请及时${late}`,
    note: `请于 ${chinaDateTime(dueAt)} 前${late}（还剩 ${within}）`,
    short: `请及时${late}`,
  };
}
