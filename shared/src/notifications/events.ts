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
  'agora.topicOpened': { category: 'agora', urgent: false, label: '议事厅：我所在范围有新的表决' },
  'agora.closingSoon': { category: 'agora', urgent: false, label: '议事厅：投票 24 小时内截止（尚未投票）' },
  'agora.resultPublished': { category: 'agora', urgent: false, label: '议事厅：表决结果公示' },
} as const satisfies Record<string, NotificationEventSpec>;

export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS;
