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
  'volunteer.signUpConfirmed': { category: 'volunteer', urgent: false, label: '志愿活动报名成功' },
  'volunteer.promoted': { category: 'volunteer', urgent: false, label: '候补转为报名成功' },
  'volunteer.reminder': { category: 'volunteer', urgent: false, label: '志愿活动即将开始' },
  'timebank.hoursApproved': { category: 'timebank', urgent: false, label: '服务时长已确认，积分到账' },
  'timebank.orderReady': { category: 'timebank', urgent: false, label: '兑换订单可领取' },
} as const satisfies Record<string, NotificationEventSpec>;

export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS;
