import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { COMMITTEE, MEMBERS } from '../identity/roles';
import { id, instant, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { MAX_SERVICE_MINUTES, ORGANISERS, PARTICIPANTS } from './rules';
import {
  activityView,
  categorySchema,
  pointsRuleSchema,
  registrationSummary,
  starView,
  volunteerTabRoutes,
  wholeNumber,
} from './tabRoutes';

export {
  activityView,
  myRegistrationView,
  pointsRuleSchema,
  registrationSummary,
  starView,
  volunteerTabRoutes,
  type ActivityView,
} from './tabRoutes';

const communityParams = z.strictObject({ communityId: id('社区') });
const activityParams = z.strictObject({ communityId: id('社区'), activityId: id('活动') });
const teamParams = z.strictObject({ communityId: id('社区'), teamId: id('服务队') });

const activityFields = {
  title: text('活动名称', { max: 40, min: 2 }),
  description: text('活动介绍', { max: 1000, multiline: true }),
  category: categorySchema,
  place: text('活动地点', { max: 60 }),
  startAt: instant('开始时间'),
  endAt: instant('结束时间'),
  signUpDeadline: instant('报名截止时间'),
  capacity: wholeNumber('招募人数', 1, 500),
  cancelCutoffHours: wholeNumber('取消报名截止（开始前小时数）', 0, 72),
  pointsRule: pointsRuleSchema,
};

const timesInOrder = <T extends { startAt?: string; endAt?: string; signUpDeadline?: string }>(s: z.ZodMiniType<T>) =>
  s.check(
    z.refine((b) => !b.startAt || !b.endAt || b.endAt > b.startAt, {
      error: '结束时间应晚于开始时间',
      path: ['endAt'],
    }),
    z.refine(
      (b) => !b.startAt || !b.endAt || Date.parse(b.endAt) - Date.parse(b.startAt) <= MAX_SERVICE_MINUTES * 60_000,
      {
        error: '单次活动不能超过 24 小时',
        path: ['endAt'],
      },
    ),
    z.refine((b) => !b.startAt || !b.signUpDeadline || b.signUpDeadline <= b.startAt, {
      error: '报名截止时间不能晚于开始时间',
      path: ['signUpDeadline'],
    }),
  );

export const rosterEntryView = z.extend(registrationSummary, {
  userId: z.string(),
  nickname: z.string(),
  /** 亲情代办: who signed this resident up in her name. */
  proxyBy: z.optional(z.string()),
  signedUpAt: z.string(),
  approvalRound: z.number(),
});

export const teamView = z.object({
  teamId: z.string(),
  name: z.string(),
  description: z.string(),
  leaders: z.array(z.object({ userId: z.string(), nickname: z.string() })),
  memberCount: z.number(),
  my: z.optional(z.enum(['pending', 'active'])),
  isLeader: z.boolean(),
});

const attendanceResult = z.object({
  action: z.enum(['checkIn', 'checkOut']),
  at: z.string(),
  nickname: z.string(),
  registration: registrationSummary,
});

/** 志愿服务: activities, sign-ups, attendance, hours review, teams and recognition. */
export const volunteerRoutes = {
  listActivities: volunteerTabRoutes.listActivities,
  getActivity: defineRoute({
    id: 'volunteer.getActivity',
    method: 'GET',
    path: '/communities/{communityId}/volunteer/activities/{activityId}',
    summary: '活动详情与我的报名/候补/时长状态',
    access: roles(MEMBERS),
    params: activityParams,
    response: activityView,
  }),
  createActivity: defineRoute({
    id: 'volunteer.createActivity',
    method: 'POST',
    path: '/communities/{communityId}/volunteer/activities',
    summary: '发布志愿活动（居委会，或服务队队长以本队名义）',
    access: roles(ORGANISERS),
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: communityParams,
    body: timesInOrder(z.strictObject({ ...activityFields, teamId: z.optional(id('服务队')) })),
    response: activityView,
  }),
  updateActivity: defineRoute({
    id: 'volunteer.updateActivity',
    method: 'PATCH',
    path: '/communities/{communityId}/volunteer/activities/{activityId}',
    summary: '修改活动（名额不能少于已报名人数；增加名额自动递补候补）',
    access: roles(ORGANISERS),
    answers: { conflicts: ['CONFLICT'] },
    params: activityParams,
    body: timesInOrder(
      z.strictObject({
        title: z.optional(activityFields.title),
        description: z.optional(activityFields.description),
        category: z.optional(categorySchema),
        place: z.optional(activityFields.place),
        startAt: z.optional(activityFields.startAt),
        endAt: z.optional(activityFields.endAt),
        signUpDeadline: z.optional(activityFields.signUpDeadline),
        capacity: z.optional(activityFields.capacity),
        cancelCutoffHours: z.optional(activityFields.cancelCutoffHours),
        pointsRule: z.optional(pointsRuleSchema),
      }),
    ).check(z.refine((b) => Object.keys(b).length > 0, { error: '没有需要修改的内容' })),
    response: activityView,
    successStatus: 200,
  }),
  signUp: defineRoute({
    id: 'volunteer.signUp',
    method: 'POST',
    path: '/communities/{communityId}/volunteer/activities/{activityId}/registration',
    summary: '报名（满员自动进入候补；重复提交返回同一报名）',
    access: roles(PARTICIPANTS),
    answers: { conflicts: ['CONFLICT'] },
    params: activityParams,
    response: activityView,
    successStatus: 200,
  }),
  cancelSignUp: defineRoute({
    id: 'volunteer.cancelSignUp',
    method: 'DELETE',
    path: '/communities/{communityId}/volunteer/activities/{activityId}/registration',
    summary: '取消报名（开始前规定时间之前）；空出的名额自动递补第一位候补',
    access: roles(PARTICIPANTS),
    answers: { conflicts: ['CONFLICT'] },
    params: activityParams,
    response: activityView,
  }),
  recordAttendance: defineRoute({
    id: 'volunteer.recordAttendance',
    method: 'POST',
    path: '/communities/{communityId}/volunteer/activities/{activityId}/attendance',
    summary: '扫组织者的签到码（或输入 6 位数字）签到；再扫一次签退',
    access: roles(PARTICIPANTS),
    answers: { conflicts: ['CONFLICT'] },
    params: activityParams,
    body: z.strictObject({
      code: z
        .pipe(
          z.pipe(
            z.string(zh('签到码')),
            z.transform((s) => s.replace(/\s/g, '')),
          ),
          z
            .string(zh('签到码'))
            .check(
              z.minLength(6),
              z.maxLength(1024),
              z.regex(/^(\d{6}|[\w-]+\.[\w-]+\.[\w-]+)$/),
              z.meta({ title: '签到码' }),
            ),
        )
        .check(z.meta({ title: '签到码' })),
    }),
    response: attendanceResult,
    successStatus: 200,
  }),
  attendanceCode: defineRoute({
    id: 'volunteer.attendanceCode',
    method: 'GET',
    path: '/communities/{communityId}/volunteer/activities/{activityId}/attendance-code',
    summary: '组织者的签到二维码（每 30 秒更换）与 6 位数字码',
    access: roles(ORGANISERS),
    answers: { conflicts: ['CONFLICT'] },
    params: activityParams,
    response: z.object({ token: z.string(), shortCode: z.string(), expiresAt: z.string(), window: z.number() }),
  }),
  scanVolunteerPass: defineRoute({
    id: 'volunteer.scanVolunteerPass',
    method: 'POST',
    path: '/communities/{communityId}/volunteer/activities/{activityId}/attendance/scans',
    summary: '组织者扫志愿者的个人码为其签到/签退',
    access: roles(ORGANISERS),
    answers: { conflicts: ['CONFLICT'] },
    params: activityParams,
    body: z.strictObject({
      pass: z
        .string(zh('个人码'))
        .check(z.minLength(20), z.maxLength(1024), z.regex(/^[\w-]+\.[\w-]+\.[\w-]+$/), z.meta({ title: '个人码' })),
    }),
    response: attendanceResult,
    successStatus: 200,
  }),
  cancelActivity: defineRoute({
    id: 'volunteer.cancelActivity',
    method: 'POST',
    path: '/communities/{communityId}/volunteer/activities/{activityId}/cancellation',
    summary: '取消活动（须写原因，结束前；通知所有报名和候补的志愿者，不再发放积分）',
    access: roles(ORGANISERS),
    answers: { conflicts: ['CONFLICT'] },
    params: activityParams,
    body: z.strictObject({ reason: text('取消原因', { max: 200 }) }),
    response: activityView,
    successStatus: 200,
  }),
  removeRegistration: defineRoute({
    id: 'volunteer.removeRegistration',
    method: 'POST',
    path: '/communities/{communityId}/volunteer/activities/{activityId}/registrations/{userId}/removal',
    summary: '组织者取消某位志愿者的报名（须写原因）；空出的名额自动递补第一位候补',
    access: roles(ORGANISERS),
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), activityId: id('活动'), userId: id('志愿者') }),
    body: z.strictObject({ reason: text('原因', { max: 200 }) }),
    response: rosterEntryView,
    successStatus: 200,
  }),
  roster: defineRoute({
    id: 'volunteer.roster',
    method: 'GET',
    path: '/communities/{communityId}/volunteer/activities/{activityId}/roster',
    summary: '报名名单、候补顺序、签到签退与待确认时长',
    access: roles(ORGANISERS),
    params: activityParams,
    response: z.object({ activity: activityView, items: z.array(rosterEntryView) }),
  }),
  reviewHours: defineRoute({
    id: 'volunteer.reviewHours',
    method: 'POST',
    path: '/communities/{communityId}/volunteer/activities/{activityId}/registrations/{userId}/review',
    summary: '确认或调整（须写原因）服务时长，确认即发放积分；或不予通过',
    access: roles(ORGANISERS),
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), activityId: id('活动'), userId: id('志愿者') }),
    body: z.strictObject({
      decision: z.enum(['approve', 'decline']).check(z.meta({ title: '审核结果' })),
      minutes: z.optional(wholeNumber('服务时长（分钟）', 1, MAX_SERVICE_MINUTES)),
      reason: z.optional(text('原因', { max: 200 })),
      /** The approval round the organiser saw; a stale request after a reversal is refused, not re-applied. */
      round: z.optional(wholeNumber('审核轮次', 1, 100)),
    }),
    response: rosterEntryView,
    successStatus: 200,
  }),
  myVolunteering: volunteerTabRoutes.myVolunteering,
  myPass: defineRoute({
    id: 'volunteer.myPass',
    method: 'GET',
    path: '/communities/{communityId}/volunteer/me/pass',
    summary: '我的志愿者个人码（10 分钟有效），供组织者扫码签到',
    access: roles(PARTICIPANTS),
    params: communityParams,
    response: z.object({ pass: z.string(), expiresAt: z.string() }),
  }),
  honours: defineRoute({
    id: 'volunteer.honours',
    method: 'GET',
    path: '/communities/{communityId}/volunteer/honours',
    summary: '月度志愿之星光荣榜（按确认时长）',
    access: roles(MEMBERS),
    params: communityParams,
    query: z.strictObject({
      month: z.optional(z.string(zh('月份')).check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/), z.meta({ title: '月份' }))),
    }),
    response: z.object({
      month: z.string(),
      items: z.array(
        z.object({
          rank: z.number(),
          userId: z.string(),
          nickname: z.string(),
          minutes: z.number(),
          activities: z.number(),
          star: starView,
        }),
      ),
    }),
  }),
  listTeams: defineRoute({
    id: 'volunteer.listTeams',
    method: 'GET',
    path: '/communities/{communityId}/volunteer/teams',
    summary: '志愿服务队与我的加入状态',
    access: roles(MEMBERS),
    params: communityParams,
    response: z.object({ items: z.array(teamView) }),
  }),
  createTeam: defineRoute({
    id: 'volunteer.createTeam',
    method: 'POST',
    path: '/communities/{communityId}/volunteer/teams',
    summary: '成立志愿服务队并指定队长（按队长的积分账号）',
    access: roles(COMMITTEE),
    staffLog: { object: 'team' },
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: communityParams,
    body: z.strictObject({
      name: text('服务队名称', { max: 20, min: 2 }),
      description: text('服务队简介', { max: 300, multiline: true }),
      leaderAccountCode: z
        .string(zh('队长积分账号'))
        .check(z.regex(/^[A-Z2-9]{8}$/), z.meta({ title: '队长积分账号' })),
    }),
    response: teamView,
  }),
  joinTeam: defineRoute({
    id: 'volunteer.joinTeam',
    method: 'POST',
    path: '/communities/{communityId}/volunteer/teams/{teamId}/members',
    summary: '申请加入服务队（队长审核）',
    access: roles(PARTICIPANTS),
    answers: { conflicts: ['CONFLICT'] },
    params: teamParams,
    response: teamView,
    successStatus: 200,
  }),
  listTeamMembers: defineRoute({
    id: 'volunteer.listTeamMembers',
    method: 'GET',
    path: '/communities/{communityId}/volunteer/teams/{teamId}/members',
    summary: '服务队成员与待审核的加入申请（队长、居委会）',
    access: roles(ORGANISERS),
    params: teamParams,
    response: z.object({
      items: z.array(
        z.object({
          userId: z.string(),
          nickname: z.string(),
          status: z.enum(['pending', 'active']),
          role: z.enum(['leader', 'member']),
          requestedAt: z.string(),
        }),
      ),
    }),
  }),
  decideTeamMember: defineRoute({
    id: 'volunteer.decideTeamMember',
    method: 'POST',
    path: '/communities/{communityId}/volunteer/teams/{teamId}/members/{userId}/decision',
    summary: '队长通过或拒绝加入申请',
    access: roles(ORGANISERS),
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), teamId: id('服务队'), userId: id('申请人') }),
    body: z.strictObject({ decision: z.enum(['approve', 'reject']).check(z.meta({ title: '审核结果' })) }),
    response: teamView,
    successStatus: 200,
  }),
  setTeamLeader: defineRoute({
    id: 'volunteer.setTeamLeader',
    method: 'POST',
    path: '/communities/{communityId}/volunteer/teams/{teamId}/leader',
    summary: '居委会从队员中指定队长（原队长离队或注销后）',
    access: roles(COMMITTEE),
    staffLog: { object: 'team' },
    answers: { conflicts: ['CONFLICT'] },
    params: teamParams,
    body: z.strictObject({ userId: id('队员') }),
    response: teamView,
    successStatus: 200,
  }),
};
