/**
 * Everything Linli tells people about, by event. Features write a notification intent for an event in
 * the same transaction as the change that causes it (the outbox); the dispatcher delivers it to the
 * inbox and, where the person granted it, as a WeChat subscribe message.
 */
export const NOTIFICATION_CATEGORIES = {
  grievance: '诉求进度',
  volunteer: '志愿服务',
  timebank: '积分与兑换',
  agora: '议事与投票',
  broadcast: '社区通知',
  account: '账号与房屋',
} as const;
export type NotificationCategory = keyof typeof NOTIFICATION_CATEGORIES;

export interface NotificationEventSpec {
  category: NotificationCategory;
  /** Urgent messages are delivered during quiet hours too. */
  urgent: boolean;
  /** Shown in preferences and on the dev page. */
  label: string;
}

/** Add an event here, then write intents for it where it happens; templates map it to WeChat fields. */
export const NOTIFICATION_EVENTS = {
  'binding.approved': { category: 'account', urgent: false, label: '房屋绑定已通过' },
  'binding.rejected': { category: 'account', urgent: false, label: '房屋绑定被驳回' },
  'grievance.accepted': { category: 'grievance', urgent: false, label: '诉求已受理并公开承诺' },
  'grievance.escalated': { category: 'grievance', urgent: false, label: '诉求已上报上一级' },
  'grievance.resolved': { category: 'grievance', urgent: false, label: '诉求已办结，请评价' },
  'grievance.reopened': { category: 'grievance', urgent: false, label: '诉求已重新办理' },
  'grievance.assigned': { category: 'grievance', urgent: false, label: '新的诉求待受理' },
  'grievance.dueSoon': { category: 'grievance', urgent: false, label: '诉求即将超时（催办）' },
  'grievance.overdue': { category: 'grievance', urgent: false, label: '诉求已超时（督办）' },
} as const satisfies Record<string, NotificationEventSpec>;

export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS;
