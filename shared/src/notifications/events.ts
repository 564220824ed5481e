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
  /**
   * Keys the intent's `data` may carry (values for the WeChat template). The outbox refuses any other
   * key, so a ballot choice or an anonymous reporter cannot ride along by accident.
   */
  fields?: readonly string[];
}

/** What a 诉求 message may carry: the case number, category, building or place, level, a short note, times. Never the reporter. */
const GRIEVANCE_FIELDS = ['number', 'category', 'location', 'level', 'note', 'time', 'due'] as const;
/** A volunteer activity: its title, start (ISO) and place. */
const ACTIVITY_FIELDS = ['activity', 'time', 'place'] as const;

/**
 * Add an event here (with the `data` fields it carries), write intents for it where it happens, and map
 * it to a WeChat template in EVENT_TEMPLATES (templates.ts); without a mapping it reaches the inbox only.
 */
export const NOTIFICATION_EVENTS = {
  'binding.approved': {
    category: 'account',
    urgent: false,
    label: '房屋绑定已通过',
    fields: ['unit', 'result', 'note'],
  },
  'binding.rejected': {
    category: 'account',
    urgent: false,
    label: '房屋绑定被驳回',
    fields: ['unit', 'result', 'note'],
  },
  'broadcast.published': { category: 'broadcast', urgent: false, label: '社区通知', fields: ['sender'] },
  'proxy.acted': {
    category: 'account',
    urgent: false,
    label: '亲情代办：有人为我办理了事项',
    fields: ['action', 'actor', 'object'],
  },
  'grievance.accepted': {
    category: 'grievance',
    urgent: false,
    label: '诉求已受理并公开承诺',
    fields: GRIEVANCE_FIELDS,
  },
  'grievance.escalated': { category: 'grievance', urgent: false, label: '诉求已上报上一级', fields: GRIEVANCE_FIELDS },
  'grievance.resolved': { category: 'grievance', urgent: false, label: '诉求已办结，请评价', fields: GRIEVANCE_FIELDS },
  'grievance.reopened': { category: 'grievance', urgent: false, label: '诉求已重新办理', fields: GRIEVANCE_FIELDS },
  'grievance.assigned': { category: 'grievance', urgent: false, label: '新的诉求待受理', fields: GRIEVANCE_FIELDS },
  'grievance.dueSoon': {
    category: 'grievance',
    urgent: false,
    label: '诉求即将超时（催办）',
    fields: GRIEVANCE_FIELDS,
  },
  'grievance.overdue': { category: 'grievance', urgent: false, label: '诉求已超时（督办）', fields: GRIEVANCE_FIELDS },
  'grievance.contentRejected': {
    category: 'grievance',
    urgent: false,
    label: '诉求内容未通过人工复核',
    fields: GRIEVANCE_FIELDS,
  },
  /** 内容审核: staff removed a resident's reported or held content; the note is the reason. Inbox only. */
  'moderation.contentRemoved': { category: 'account', urgent: false, label: '您发布的内容已被移除', fields: ['note'] },
  'volunteer.signUpConfirmed': {
    category: 'volunteer',
    urgent: false,
    label: '志愿活动报名成功',
    fields: ACTIVITY_FIELDS,
  },
  'volunteer.promoted': { category: 'volunteer', urgent: false, label: '候补转为报名成功', fields: ACTIVITY_FIELDS },
  'volunteer.reminder': { category: 'volunteer', urgent: false, label: '志愿活动即将开始', fields: ACTIVITY_FIELDS },
  'volunteer.activityCancelled': {
    category: 'volunteer',
    urgent: false,
    label: '志愿活动已取消',
    fields: [...ACTIVITY_FIELDS, 'reason'],
  },
  'volunteer.registrationRemoved': {
    category: 'volunteer',
    urgent: false,
    label: '组织者取消了我的报名',
    fields: [...ACTIVITY_FIELDS, 'reason'],
  },
  'timebank.hoursApproved': {
    category: 'timebank',
    urgent: false,
    label: '服务时长已确认，积分到账',
    fields: ['activity', 'hours', 'points', 'time'],
  },
  'timebank.orderReady': {
    category: 'timebank',
    urgent: false,
    label: '兑换订单可领取',
    fields: ['item', 'code', 'quantity'],
  },
  'agora.topicOpened': {
    category: 'agora',
    urgent: false,
    label: '议事厅：我所在范围有新的表决',
    fields: ['title', 'opensAt', 'closesAt', 'scope'],
  },
  'agora.closingSoon': {
    category: 'agora',
    urgent: false,
    label: '议事厅：投票 24 小时内截止（尚未投票）',
    fields: ['title', 'closesAt'],
  },
  'agora.resultPublished': {
    category: 'agora',
    urgent: false,
    label: '议事厅：表决结果公示',
    fields: ['title', 'outcome', 'closedAt'],
  },
  'budget.phaseChanged': {
    category: 'agora',
    urgent: false,
    label: '民生微实事：预算轮次进入新阶段（点单、投票、公示、实施、验收）',
    fields: ['title', 'phase', 'until'],
  },
  'budget.projectFinished': {
    category: 'agora',
    urgent: false,
    label: '民生微实事：项目完工，请验收评价',
    fields: ['title', 'project'],
  },
} as const satisfies Record<string, NotificationEventSpec>;

export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS;

export function isNotificationEvent(value: string): value is NotificationEvent {
  return Object.prototype.hasOwnProperty.call(NOTIFICATION_EVENTS, value);
}
