import type { NotificationEvent } from './events';

/**
 * WeChat subscribe-message templates (订阅消息模板) the mini-program uses, as chosen in the MP console
 * (小程序后台 → 订阅消息 → 我的模板). A keyword's type is the prefix of its name (`thing1`, `phrase2`, `time3`)
 * and fixes what WeChat accepts in it (see keywords.ts). The ids below are the local stack's; a real
 * deployment replaces each with the id its console shows — the app asks for grants and the dispatcher
 * sends with the same ids, so this file is the one place they live.
 */
export interface SubscribeTemplate {
  id: string;
  /** The template's title as WeChat shows it in the permission sheet. */
  title: string;
  /** Keyword → the label WeChat prints beside its value. */
  keywords: Readonly<Record<string, string>>;
}

export const SUBSCRIBE_TEMPLATES = {
  reviewResult: {
    id: 'LINLI-LOCAL-review-result',
    title: '审核结果通知',
    keywords: { thing1: '审核事项', phrase2: '审核结果', thing3: '备注', time4: '审核时间' },
  },
  communityNotice: {
    id: 'LINLI-LOCAL-community-notice',
    title: '社区通知',
    keywords: { thing1: '通知标题', thing2: '通知摘要', thing3: '发布单位', time4: '发布时间' },
  },
  requestProgress: {
    id: 'LINLI-LOCAL-request-progress',
    title: '诉求办理进度通知',
    keywords: { thing1: '诉求内容', phrase2: '办理状态', thing3: '办理说明', time4: '更新时间' },
  },
  taskAssigned: {
    id: 'LINLI-LOCAL-task-assigned',
    title: '待办工单提醒',
    keywords: { thing1: '工单内容', thing2: '所在位置', time3: '办理时限', phrase4: '紧急程度' },
  },
  signupResult: {
    id: 'LINLI-LOCAL-signup-result',
    title: '活动报名结果通知',
    keywords: { thing1: '活动名称', phrase2: '报名结果', time3: '活动时间', thing4: '温馨提示' },
  },
  activityReminder: {
    id: 'LINLI-LOCAL-activity-reminder',
    title: '活动开始提醒',
    keywords: { thing1: '活动名称', time2: '开始时间', thing3: '活动地点', thing4: '温馨提示' },
  },
  pointsChanged: {
    id: 'LINLI-LOCAL-points-changed',
    title: '积分变动提醒',
    keywords: { thing1: '变动原因', number2: '变动积分', time3: '变动时间' },
  },
  pickupReady: {
    id: 'LINLI-LOCAL-pickup-ready',
    title: '取货提醒',
    keywords: { thing1: '商品名称', character_string2: '取货码', number3: '数量', thing4: '温馨提示' },
  },
  voteReminder: {
    id: 'LINLI-LOCAL-vote-reminder',
    title: '投票提醒',
    keywords: { thing1: '议题', time2: '截止时间', thing3: '温馨提示' },
  },
  voteResult: {
    id: 'LINLI-LOCAL-vote-result',
    title: '表决结果通知',
    keywords: { thing1: '议题', phrase2: '表决结果', thing3: '说明', time4: '公布时间' },
  },
} as const satisfies Record<string, SubscribeTemplate>;

export type TemplateKey = keyof typeof SUBSCRIBE_TEMPLATES;
export const TEMPLATE_KEYS = Object.keys(SUBSCRIBE_TEMPLATES) as TemplateKey[];

/**
 * Where a keyword's value comes from: the intent's `title` or `body`, `sentAt` (when the message goes
 * out), `data.<field>` (one of the event's declared fields) or `=<text>` (a fixed text).
 */
export type ValueSource = 'title' | 'body' | 'sentAt' | `data.${string}` | `=${string}`;

export interface TemplateMapping {
  template: TemplateKey;
  values: Readonly<Record<string, ValueSource>>;
}

/** Which template an event is sent with, keyword by keyword. Events without one reach the inbox only. */
export const EVENT_TEMPLATES: Partial<Record<NotificationEvent, TemplateMapping>> = {
  'binding.approved': {
    template: 'reviewResult',
    values: { thing1: 'data.unit', phrase2: 'data.result', thing3: 'data.note', time4: 'sentAt' },
  },
  'binding.rejected': {
    template: 'reviewResult',
    values: { thing1: 'data.unit', phrase2: 'data.result', thing3: 'data.note', time4: 'sentAt' },
  },
  'proxy.acted': {
    template: 'reviewResult',
    values: { thing1: 'data.action', phrase2: '=已代办', thing3: 'data.actor', time4: 'sentAt' },
  },
  'broadcast.published': {
    template: 'communityNotice',
    values: { thing1: 'title', thing2: 'body', thing3: 'data.sender', time4: 'sentAt' },
  },
  // 诉求: the reporter follows progress; handlers get a work order with its deadline.
  'grievance.accepted': {
    template: 'requestProgress',
    values: { thing1: 'body', phrase2: '=已受理', thing3: 'data.note', time4: 'sentAt' },
  },
  'grievance.escalated': {
    template: 'requestProgress',
    values: { thing1: 'body', phrase2: '=已上报', thing3: 'data.level', time4: 'sentAt' },
  },
  'grievance.resolved': {
    template: 'requestProgress',
    values: { thing1: 'body', phrase2: '=已办结', thing3: '=请为本次办理评价', time4: 'sentAt' },
  },
  'grievance.reopened': {
    template: 'requestProgress',
    values: { thing1: 'body', phrase2: '=重新办理', thing3: 'data.level', time4: 'sentAt' },
  },
  'grievance.assigned': {
    template: 'taskAssigned',
    values: { thing1: 'body', thing2: 'data.location', time3: 'data.due', phrase4: '=一般' },
  },
  'grievance.dueSoon': {
    template: 'taskAssigned',
    values: { thing1: 'body', thing2: 'data.location', time3: 'data.due', phrase4: '=催办' },
  },
  'grievance.overdue': {
    template: 'taskAssigned',
    values: { thing1: 'body', thing2: 'data.location', time3: 'data.due', phrase4: '=督办' },
  },
  'grievance.contentRejected': {
    template: 'reviewResult',
    values: { thing1: '=诉求内容', phrase2: '=未通过', thing3: 'data.note', time4: 'sentAt' },
  },
  // 议事厅: a vote opening in my scope, the 24-hour reminder to non-voters, the published result.
  'agora.topicOpened': {
    template: 'voteReminder',
    values: { thing1: 'data.title', time2: 'data.closesAt', thing3: '=新的表决已开始，请及时投票' },
  },
  'agora.closingSoon': {
    template: 'voteReminder',
    values: { thing1: 'data.title', time2: 'data.closesAt', thing3: '=您还没有投票，即将截止' },
  },
  'agora.resultPublished': {
    template: 'voteResult',
    values: {
      thing1: 'data.title',
      phrase2: 'data.outcome',
      thing3: '=结果已公示，可核验回执',
      time4: 'data.closedAt',
    },
  },
  // 民生微实事: each phase of a round reaches its scope; a finished project asks for ratings.
  'budget.phaseChanged': {
    template: 'communityNotice',
    values: { thing1: 'data.title', thing2: 'body', thing3: '=居委会', time4: 'sentAt' },
  },
  'budget.projectFinished': {
    template: 'communityNotice',
    values: { thing1: 'data.project', thing2: 'body', thing3: '=居委会', time4: 'sentAt' },
  },
  // 志愿 + 时间银行
  'volunteer.signUpConfirmed': {
    template: 'signupResult',
    values: { thing1: 'data.activity', phrase2: '=报名成功', time3: 'data.time', thing4: '=请准时到场签到' },
  },
  'volunteer.promoted': {
    template: 'signupResult',
    values: { thing1: 'data.activity', phrase2: '=候补成功', time3: 'data.time', thing4: '=已为您转为正式报名' },
  },
  'volunteer.activityCancelled': {
    template: 'signupResult',
    values: { thing1: 'data.activity', phrase2: '=活动取消', time3: 'data.time', thing4: 'data.reason' },
  },
  'volunteer.registrationRemoved': {
    template: 'signupResult',
    values: { thing1: 'data.activity', phrase2: '=报名已取消', time3: 'data.time', thing4: 'data.reason' },
  },
  'volunteer.reminder': {
    template: 'activityReminder',
    values: { thing1: 'data.activity', time2: 'data.time', thing3: 'data.place', thing4: '=请准时到场扫码签到' },
  },
  'timebank.hoursApproved': {
    template: 'pointsChanged',
    values: { thing1: 'data.activity', number2: 'data.points', time3: 'sentAt' },
  },
  'timebank.orderReady': {
    template: 'pickupReady',
    values: {
      thing1: 'data.item',
      character_string2: 'data.code',
      number3: 'data.quantity',
      thing4: '=请到服务点凭取货码领取',
    },
  },
};

export function templateOf(
  event: string,
): { key: TemplateKey; template: SubscribeTemplate; mapping: TemplateMapping } | undefined {
  const mapping = EVENT_TEMPLATES[event as NotificationEvent];
  if (!mapping) return undefined;
  return { key: mapping.template, template: SUBSCRIBE_TEMPLATES[mapping.template], mapping };
}

export function templateByKey(key: string): SubscribeTemplate | undefined {
  return Object.prototype.hasOwnProperty.call(SUBSCRIBE_TEMPLATES, key)
    ? SUBSCRIBE_TEMPLATES[key as TemplateKey]
    : undefined;
}

/**
 * The page a subscribe message opens: the inbox entry (marked read on open), whose 查看详情 leads on to
 * the object. Subpackage page, no leading slash, as sendMessage's `page` takes it.
 */
export const MESSAGE_PAGE = 'packages/notices/pages/notice/index';

/** WeChat lets one wx.requestSubscribeMessage call ask for at most three templates. */
export const MAX_TEMPLATES_PER_ASK = 3;

/** The distinct templates to ask for at a moment of intent covering these events (at most three). */
export function templatesForEvents(events: readonly NotificationEvent[]): TemplateKey[] {
  const keys: TemplateKey[] = [];
  for (const event of events) {
    const key = EVENT_TEMPLATES[event]?.template;
    if (key && !keys.includes(key)) keys.push(key);
  }
  return keys.slice(0, MAX_TEMPLATES_PER_ASK);
}
