import { NOTIFICATION_CATEGORIES } from '@linli/shared';

export const categoryLabel = (category: string) =>
  (NOTIFICATION_CATEGORIES as Record<string, string>)[category] ?? '通知';
