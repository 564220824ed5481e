import { LEVEL_LABELS, STATUS_LABELS, type GrievanceStatus, type Level } from '@linli/shared';
import type { Tone } from '@/components/StatusTag/StatusTag';

/** How a request's state reads at a glance: waiting is amber, in hand blue, waiting for a rating green. */
export const STATUS_TONES: Record<GrievanceStatus, Tone> = {
  pending: 'warning',
  accepted: 'info',
  committed: 'info',
  resolved: 'success',
  closed: 'neutral',
  withdrawn: 'neutral',
};

export const statusText = (s: GrievanceStatus) => STATUS_LABELS[s];
export const levelText = (l: Level) => LEVEL_LABELS[l];

/** 3 小时前 / 2 天前 / 11-20: short relative times for lists. */
export function ago(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} 小时前`;
  const days = Math.round(hours / 24);
  if (days <= 30) return `${days} 天前`;
  return iso.slice(5, 10);
}
