import * as z from 'zod/mini';
import { defineRoute, roles, SIGNED_IN } from '../contracts/http';
import { id, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { INVITATION_STATUSES, STAFF_INVITATION_ROLES } from './invitations';
import { regionCodeProblem } from './regionCode';

/**
 * 街道 → 社区 onboarding without a developer: the first administrator (from the one-time code the
 * bootstrap command issues), streets, communities in a street, and their first committee by one-time
 * staff invitation codes. Served by the `streets` Lambda.
 */

/** Who runs a street: its street office, and administrators. */
export const STREET_STAFF = ['street', 'admin'] as const;

const streetParams = z.strictObject({ streetId: id('街道') });

/** The county-level 行政区划代码 (shared/src/streets/regionCode.ts says which rule). */
export const regionCode = z
  .pipe(
    z
      .string(zh('区划代码'))
      .check(z.maxLength(20), z.regex(/^\s*\d{6}\s*$/, { error: '区划代码应为 6 位数字（区县级，如 350102）' })),
    z.transform((s) => s.trim()),
  )
  .check(
    z.superRefine((code, ctx) => {
      const problem = regionCodeProblem(code);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: code });
    }),
    z.meta({ title: '区划代码' }),
  );

/** A short id an administrator may choose for links (幸福里 → `xingfuli`); generated when left out. */
const slug = (title: string) =>
  z
    .string(zh(title))
    .check(
      z.regex(/^[a-z][a-z0-9-]{1,31}$/, { error: `${title}只能用小写字母、数字和连字符，以字母开头，2–32 位` }),
      z.meta({ title }),
    );

/** A code as people type it: spaces and dashes dropped, upper case. */
const typedCode = (title: string, length: number) =>
  z
    .pipe(
      z.pipe(
        z.string(zh(title)),
        z.transform((s) => s.replace(/[\s-]/g, '').toUpperCase()),
      ),
      z
        .string()
        .check(
          z.regex(new RegExp(`^[A-Z2-9]{${length}}$`), { error: `${title}为 ${length} 位字母或数字` }),
          z.meta({ title }),
        ),
    )
    .check(z.meta({ title }));

export const officeView = z.object({
  role: z.enum(['street', 'admin']),
  streetId: z.optional(z.string()),
  streetName: z.optional(z.string()),
});
export type OfficeView = z.output<typeof officeView>;

export const streetView = z.object({
  streetId: z.string(),
  name: z.string(),
  district: z.string(),
  regionCode: z.string(),
  communityCount: z.number(),
  createdAt: z.string(),
});
export type StreetView = z.output<typeof streetView>;

export const streetCommunityView = z.object({
  communityId: z.string(),
  name: z.string(),
  address: z.optional(z.string()),
  regionCode: z.optional(z.string()),
  streetId: z.string(),
  unitCount: z.number(),
  createdAt: z.optional(z.string()),
});
export type StreetCommunityView = z.output<typeof streetCommunityView>;

export const staffInvitationView = z.object({
  code: z.string(),
  role: z.enum(STAFF_INVITATION_ROLES),
  communityId: z.optional(z.string()),
  communityName: z.optional(z.string()),
  invitee: z.optional(z.string()),
  issuedAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(INVITATION_STATUSES),
  usedAt: z.optional(z.string()),
});
export type StaffInvitationView = z.output<typeof staffInvitationView>;

/** Platform routes: the first administrator, the streets, accepting a staff code. */
export const platformRoutes = {
  redeemBootstrap: defineRoute({
    id: 'platform.redeemBootstrap',
    method: 'POST',
    path: '/platform/bootstrap',
    summary: '用部署时生成的一次性初始化代码成为首位管理员（每个部署只能用一次）',
    access: SIGNED_IN,
    answers: { conflicts: ['ALREADY_BOOTSTRAPPED', 'CODE_EXPIRED'], notFound: true },
    body: z.strictObject({ code: typedCode('初始化代码', 16), realName: text('真实姓名', { max: 20 }) }),
    response: z.object({ offices: z.array(officeView) }),
    successStatus: 200,
  }),
  listStreets: defineRoute({
    id: 'platform.listStreets',
    method: 'GET',
    path: '/streets',
    summary: '我负责的街道（管理员看全部，街道工作人员看本街道）',
    access: SIGNED_IN,
    response: z.object({ admin: z.boolean(), items: z.array(streetView) }),
  }),
  createStreet: defineRoute({
    id: 'platform.createStreet',
    method: 'POST',
    path: '/streets',
    summary: '管理员创建街道（名称、所属区县、区划代码）；同区县重名则 409 并给出已有街道',
    access: roles(['admin']),
    staffLog: { object: 'street' }, // the new street's own log (DATA.md L5): its first entry
    answers: { conflicts: ['DUPLICATE'] },
    body: z.strictObject({
      name: text('街道名称', { max: 30 }),
      district: text('所属区县', { max: 30 }),
      regionCode,
      streetId: z.optional(slug('街道编号')),
    }),
    response: streetView,
  }),
  redeemStaffInvitation: defineRoute({
    id: 'platform.redeemStaffInvitation',
    method: 'POST',
    path: '/platform/staff-invitations/redeem',
    summary: '接受工作人员邀请码：成为社区居委会成员或街道工作人员',
    access: SIGNED_IN,
    answers: {
      conflicts: ['INVITATION_USED', 'INVITATION_EXPIRED', 'ALREADY_STAFF', 'HOUSEHOLD_INVITATION'],
      notFound: true,
    },
    body: z.strictObject({ code: typedCode('邀请码', 8), realName: text('真实姓名', { max: 20 }) }),
    response: z.object({
      role: z.enum(STAFF_INVITATION_ROLES),
      streetId: z.string(),
      streetName: z.string(),
      communityId: z.optional(z.string()),
      communityName: z.optional(z.string()),
    }),
    successStatus: 200,
  }),
};

/** The street office's routes: its communities and their first committee. */
export const streetRoutes = {
  getStreet: defineRoute({
    id: 'streets.getStreet',
    method: 'GET',
    path: '/streets/{streetId}',
    summary: '街道信息与所辖社区',
    access: roles(STREET_STAFF),
    params: streetParams,
    response: z.object({ street: streetView, communities: z.array(streetCommunityView) }),
  }),
  createCommunity: defineRoute({
    id: 'streets.createCommunity',
    method: 'POST',
    path: '/streets/{streetId}/communities',
    summary: '在街道下创建社区（名称、地址、区划代码），带默认设置；同街道重名则 409 并给出已有社区',
    access: roles(STREET_STAFF),
    // Kept in the new community's own log (the service names it): its first entry, before it has staff.
    staffLog: { object: 'community' },
    answers: { conflicts: ['DUPLICATE'] },
    params: streetParams,
    body: z.strictObject({
      name: text('社区名称', { max: 30 }),
      address: text('社区地址', { max: 100 }),
      regionCode,
      communityId: z.optional(slug('社区编号')),
    }),
    response: streetCommunityView,
  }),
  inviteStaff: defineRoute({
    id: 'streets.inviteStaff',
    method: 'POST',
    path: '/streets/{streetId}/invitations',
    summary: '生成工作人员一次性邀请码：社区居委会成员，或街道工作人员（7 天有效）',
    access: roles(STREET_STAFF),
    // A committee seat's code is kept in that community's log, naming the community (never the code, a
    // credential); a street office code concerns no community and has no entry. Redeeming writes S6.
    staffLog: { object: 'invitation' },
    // Three codes in a row already taken (32^8 codes: practically never).
    answers: { conflicts: ['CONFLICT'] },
    params: streetParams,
    body: z
      .strictObject({
        role: z.enum(STAFF_INVITATION_ROLES, zh('角色')).check(z.meta({ title: '角色' })),
        communityId: z.optional(id('社区')),
        invitee: z.optional(text('受邀人', { max: 20 })),
      })
      .check(
        z.refine((b) => b.role !== 'committee' || !!b.communityId, {
          error: '邀请居委会成员须指定社区',
          path: ['communityId'],
        }),
        z.refine((b) => b.role !== 'street' || !b.communityId, {
          error: '街道工作人员不属于某个社区',
          path: ['communityId'],
        }),
      ),
    response: staffInvitationView,
  }),
  listInvitations: defineRoute({
    id: 'streets.listInvitations',
    method: 'GET',
    path: '/streets/{streetId}/invitations',
    summary: '街道发出的工作人员邀请码及使用情况（最新在前）',
    access: roles(STREET_STAFF),
    params: streetParams,
    query: z.strictObject({ communityId: z.optional(id('社区')) }),
    response: z.object({ items: z.array(staffInvitationView) }),
  }),
};

/** Routes served by the streets Lambda. */
export const streetsApi = { ...platformRoutes, ...streetRoutes };
