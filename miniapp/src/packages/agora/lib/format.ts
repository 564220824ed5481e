import { formatDateTime, formatNumber } from '@/lib/format';

/** 1,234.56㎡ */
export const areaText = (squareMetres: number) => `${formatNumber(squareMetres, 2)}㎡`;

export function windowText(opensAt?: string, closesAt?: string): string {
  if (!opensAt || !closesAt) return '';
  return `${formatDateTime(opensAt)} 至 ${formatDateTime(closesAt)}`;
}

/** A fresh id per user action, so the server recognises a retried tap. */
export const newRequestId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** Stated on the ballot, the topic and the poster: whether a ballot is secret, chosen when the vote is opened. */
export const SECRECY_STATEMENT = { secret: '本次为无记名投票', open: '本次为实名表决' } as const;
