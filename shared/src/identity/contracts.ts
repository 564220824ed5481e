import * as z from 'zod/mini';
import { defineRoute, ok, PUBLIC, SIGNED_IN } from '../contracts/http';
import { id, mobile, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { RELATIONS, roleSchema } from './roles';
import { personalDataRoutes } from './personalDataContracts';

export const roleGrantView = z.object({
  role: roleSchema,
  communityId: z.string(),
  gridId: z.optional(z.string()),
  buildingId: z.optional(z.string()),
});

export const membershipView = z.object({
  communityId: z.string(),
  communityName: z.string(),
  unitId: z.string(),
  unitLabel: z.string(),
  buildingId: z.string(),
  gridId: z.string(),
  relation: z.enum(RELATIONS),
});

export type MembershipView = z.output<typeof membershipView>;

export const meView = z.object({
  userId: z.string(),
  nickname: z.string(),
  avatarUrl: z.optional(z.string()),
  phoneMasked: z.optional(z.string()),
  largeText: z.boolean(),
  privacy: z.object({
    currentVersion: z.string(),
    acceptedVersion: z.optional(z.string()),
    acceptedAt: z.optional(z.string()),
    /** True until the current guideline is accepted; the app asks before anything else. */
    mustAccept: z.boolean(),
  }),
  grants: z.array(roleGrantView),
  memberships: z.array(membershipView),
  createdAt: z.string(),
});
export type MeView = z.output<typeof meView>;

export const sessionView = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.string(),
  me: meView,
});
export type SessionView = z.output<typeof sessionView>;

export const sessionListView = z.object({
  /** Live sessions, newest first (at most 50). */
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      /** 「iPhone · 微信」, from the device's User-Agent at sign-in. */
      device: z.string(),
      signedInAt: z.string(),
      /** The last sign-in or token refresh (every ≤ 15 minutes of use), not the last request. */
      lastSeenAt: z.string(),
      /** The session this request comes from. */
      current: z.boolean(),
    }),
  ),
});
export type SessionListView = z.output<typeof sessionListView>;

const refreshBody = z.strictObject({
  refreshToken: z.string().check(z.minLength(20), z.maxLength(200), z.meta({ title: '刷新令牌' })),
});

export const identityRoutes = {
  signInWithWeChat: defineRoute({
    id: 'identity.signInWithWeChat',
    method: 'POST',
    path: '/auth/wechat',
    summary: '用 wx.login 的 code 登录（jscode2session），返回会话令牌',
    access: PUBLIC,
    answers: { conflicts: ['CONFLICT'], unauthenticated: true },
    body: z.strictObject({
      code: z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[\w:.-]+$/), z.meta({ title: '登录凭证' })),
    }),
    response: sessionView,
    successStatus: 200,
    rateLimit: 'signIn',
  }),
  refreshSession: defineRoute({
    id: 'identity.refreshSession',
    method: 'POST',
    path: '/auth/refresh',
    summary: '用刷新令牌换新的会话令牌（刷新令牌一次性，轮换）',
    access: PUBLIC,
    answers: { conflicts: ['CONFLICT'], unauthenticated: true },
    body: refreshBody,
    response: sessionView,
    successStatus: 200,
    rateLimit: 'signIn',
  }),
  signOut: defineRoute({
    id: 'identity.signOut',
    method: 'POST',
    path: '/auth/logout',
    summary: '退出登录，作废刷新令牌',
    access: SIGNED_IN,
    body: refreshBody,
    response: ok,
    successStatus: 200,
  }),
  getMe: defineRoute({
    id: 'identity.getMe',
    method: 'GET',
    path: '/me',
    summary: '我的资料、角色与绑定的房屋',
    access: SIGNED_IN,
    response: meView,
  }),
  updateMe: defineRoute({
    id: 'identity.updateMe',
    method: 'PATCH',
    path: '/me',
    summary: '修改昵称、头像、手机号、大字模式',
    access: SIGNED_IN,
    answers: { conflicts: ['CONFLICT'] },
    body: z
      .strictObject({
        nickname: z.optional(text('昵称', { max: 20 })),
        avatarUrl: z.optional(
          z.url({ protocol: /^https?$/, ...zh('头像') }).check(z.maxLength(500), z.meta({ title: '头像' })),
        ),
        phone: z.optional(mobile()),
        largeText: z.optional(z.boolean(zh('大字模式')).check(z.meta({ title: '大字模式' }))),
      })
      .check(z.refine((b) => Object.keys(b).length > 0, { error: '没有需要修改的内容' })),
    response: meView,
    successStatus: 200,
  }),
  acceptPrivacy: defineRoute({
    id: 'identity.acceptPrivacy',
    method: 'POST',
    path: '/me/privacy-consent',
    summary: '同意当前版本的隐私保护指引',
    access: SIGNED_IN,
    answers: { conflicts: ['CONFLICT'] },
    body: z.strictObject({ version: z.string().check(z.minLength(1), z.maxLength(32), z.meta({ title: '指引版本' })) }),
    response: meView,
    successStatus: 200,
  }),
  listMySessions: defineRoute({
    id: 'identity.listMySessions',
    method: 'GET',
    path: '/me/sessions',
    summary: '登录设备：我仍登录着的会话（设备、最近使用时间，标出本机）',
    access: SIGNED_IN,
    answers: {},
    response: sessionListView,
  }),
  endAllSessions: defineRoute({
    id: 'identity.endAllSessions',
    method: 'POST',
    path: '/me/sessions/end-all',
    summary: '退出所有设备：结束本机以外的全部会话，它们的令牌立即失效；本机保持登录',
    access: SIGNED_IN,
    answers: {},
    response: z.object({ ended: z.number() }),
    successStatus: 200,
  }),
};

export const bindingStatusSchema = z.enum(['pending', 'approved', 'rejected']);
export const bindingView = z.object({
  bindingId: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  unitId: z.string(),
  unitLabel: z.string(),
  buildingId: z.string(),
  gridId: z.string(),
  relation: z.enum(RELATIONS),
  note: z.optional(z.string()),
  status: bindingStatusSchema,
  reason: z.optional(z.string()),
  requestedAt: z.string(),
  decidedAt: z.optional(z.string()),
  applicant: z.object({
    userId: z.string(),
    nickname: z.string(),
    realName: z.optional(z.string()),
    phoneMasked: z.optional(z.string()),
  }),
});
export type BindingView = z.output<typeof bindingView>;

export const communitySummaryView = z.object({
  communityId: z.string(),
  name: z.string(),
  district: z.string(),
  street: z.string(),
});

export const bindingRoutes = {
  listCommunities: defineRoute({
    id: 'directory.listCommunities',
    method: 'GET',
    path: '/communities',
    summary: '可申请加入的社区',
    access: SIGNED_IN,
    response: z.object({ items: z.array(communitySummaryView) }),
  }),
  listBuildingsForBinding: defineRoute({
    id: 'directory.listBuildings',
    method: 'GET',
    path: '/communities/{communityId}/directory/buildings',
    summary: '选择楼栋（绑定房屋用，不含住户信息）',
    access: SIGNED_IN,
    params: z.strictObject({ communityId: id('社区') }),
    response: z.object({ items: z.array(z.object({ buildingId: z.string(), name: z.string() })) }),
  }),
  listUnitsForBinding: defineRoute({
    id: 'directory.listUnits',
    method: 'GET',
    path: '/communities/{communityId}/directory/buildings/{buildingId}/units',
    summary: '选择房号（绑定房屋用，不含住户信息）',
    access: SIGNED_IN,
    params: z.strictObject({ communityId: id('社区'), buildingId: id('楼栋') }),
    response: z.object({ items: z.array(z.object({ unitId: z.string(), label: z.string(), floor: z.number() })) }),
  }),
  listMyBindings: defineRoute({
    id: 'identity.listMyBindings',
    method: 'GET',
    path: '/me/bindings',
    summary: '我的房屋绑定申请及进度',
    access: SIGNED_IN,
    response: z.object({ items: z.array(bindingView) }),
  }),
  requestBinding: defineRoute({
    id: 'identity.requestBinding',
    method: 'POST',
    path: '/me/bindings',
    summary: '申请绑定房屋（业主/家庭成员/租户），由网格员或居委会审核',
    access: SIGNED_IN,
    answers: { conflicts: ['CONFLICT'], notFound: true },
    body: z.strictObject({
      communityId: id('社区'),
      unitId: id('房屋'),
      relation: z.enum(RELATIONS).check(z.meta({ title: '与房屋的关系' })),
      realName: text('真实姓名', { max: 20 }),
      note: z.optional(text('补充说明', { max: 200, multiline: true })),
    }),
    response: bindingView,
  }),
  redeemInvitation: defineRoute({
    id: 'identity.redeemInvitation',
    method: 'POST',
    path: '/me/invitations/redeem',
    summary: '使用居委会发放的一次性邀请码绑定房屋',
    access: SIGNED_IN,
    answers: { conflicts: ['CONFLICT'], notFound: true },
    body: z.strictObject({
      code: z
        .pipe(
          z.pipe(
            z.string(),
            z.transform((s) => s.replace(/[\s-]/g, '').toUpperCase()),
          ),
          z.string().check(z.regex(/^[A-Z2-9]{8}$/), z.meta({ title: '邀请码' })),
        )
        .check(z.meta({ title: '邀请码' })),
      realName: text('真实姓名', { max: 20 }),
    }),
    response: bindingView,
    successStatus: 200,
  }),
};

/** Routes served by the identity Lambda. */
export const identityLambdaApi = { ...identityRoutes, ...bindingRoutes };

/** Everything under sign-in, `/me` and binding, as the mini-program calls it (two Lambdas serve these). */
export const identityApi = { ...identityLambdaApi, ...personalDataRoutes };
