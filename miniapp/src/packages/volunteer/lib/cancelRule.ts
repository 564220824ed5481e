import { HOUR_MS } from '@linli/shared';
import { formatDateTime } from '@/lib/format';

/**
 * Until when a sign-up can be cancelled, said once: "开始前 2 小时 … 前可取消" said 前 twice over.
 */
export function cancelRule(a: { startAt: string; cancelDeadline: string }): string {
  const hours = Math.round((Date.parse(a.startAt) - Date.parse(a.cancelDeadline)) / HOUR_MS);
  if (hours <= 0) return '活动开始之前都可以取消报名';
  return `可取消报名至 ${formatDateTime(a.cancelDeadline)}（开始前 ${hours} 小时）`;
}
