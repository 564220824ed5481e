import * as z from 'zod/mini';
import { defineRoute, ok, page, roles } from '../contracts/http';
import { bindingStatusSchema, bindingView } from '../identity/contracts';
import { COMMITTEE, RELATIONS, roleSchema, STAFF } from '../identity/roles';
import { cursor, id, pageLimit, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { rosterTabRoutes } from './tabRoutes';

const communityParams = z.strictObject({ communityId: id('社区') });

export const ownerView = z.object({
  ownerId: z.string(),
  name: z.string(),
  phoneMasked: z.optional(z.string()),
  unitCount: z.number(),
});
export const unitView = z.object({
  unitId: z.string(),
  label: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  gridId: z.string(),
  entrance: z.optional(z.string()),
  room: z.string(),
  floor: z.number(),
  area: z.number(),
  owner: z.optional(ownerView),
  members: z.array(
    z.object({ userId: z.string(), nickname: z.string(), relation: z.enum(RELATIONS), since: z.string() }),
  ),
});
export type UnitView = z.output<typeof unitView>;

export const importProblemView = z.object({ row: z.number(), column: z.optional(z.string()), message: z.string() });
export const importJobView = z.object({
  jobId: z.string(),
  status: z.enum(['invalid', 'previewed', 'applying', 'applied', 'failed']),
  fileName: z.string(),
  problems: z.array(importProblemView),
  summary: z.object({
    rows: z.number(),
    grids: z.number(),
    buildings: z.number(),
    units: z.object({ added: z.number(), updated: z.number(), unchanged: z.number() }),
    owners: z.number(),
  }),
  progress: z.object({ written: z.number(), total: z.number() }),
  /**
   * Rows whose 面积 or 业主 the import leaves as the 不动产登记 extract set them (the registry is the legal source
   * for an owners' vote): `count` over all rows, `rows` the first 500 with why.
   */
  registryKept: z.object({
    count: z.number(),
    rows: z.array(
      z.object({
        row: z.number(),
        unit: z.string(),
        fields: z.array(z.enum(['area', 'owner'])),
        message: z.string(),
      }),
    ),
  }),
  createdAt: z.string(),
  appliedAt: z.optional(z.string()),
});
export type ImportJobView = z.output<typeof importJobView>;

export const staffView = z.object({
  userId: z.string(),
  nickname: z.string(),
  role: roleSchema,
  gridId: z.optional(z.string()),
  buildingId: z.optional(z.string()),
});

export const ROSTER_UPLOAD_TYPES = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/csv': 'csv',
} as const;

export const rosterRoutes = {
  overview: rosterTabRoutes.overview,
  listUnits: defineRoute({
    id: 'roster.listUnits',
    method: 'GET',
    path: '/communities/{communityId}/roster/units',
    summary: '按楼栋列出房屋、业主（电话打码）与已绑定住户',
    access: roles(STAFF),
    params: communityParams,
    query: z.object({ buildingId: id('楼栋'), cursor, limit: pageLimit }),
    response: page(unitView),
  }),
  revealOwnerPhone: defineRoute({
    id: 'roster.revealOwnerPhone',
    method: 'POST',
    path: '/communities/{communityId}/roster/owners/{ownerId}/phone',
    summary: '查看业主完整手机号（仅居委会，留痕）',
    access: roles(COMMITTEE),
    staffLog: false, // a read, recorded with its reason as an AuditEvent (DATA.md)
    params: z.strictObject({ communityId: id('社区'), ownerId: id('业主') }),
    body: z.strictObject({ reason: text('查看原因', { max: 100 }) }),
    response: z.object({ phone: z.optional(z.string()) }),
    successStatus: 200,
  }),
  listBindings: defineRoute({
    id: 'roster.listBindings',
    method: 'GET',
    path: '/communities/{communityId}/roster/bindings',
    summary: '房屋绑定审核队列（网格员只见本网格）',
    access: roles(['gridWorker', 'committee', 'admin']),
    params: communityParams,
    query: z.object({ status: z._default(bindingStatusSchema, 'pending'), cursor, limit: pageLimit }),
    response: page(bindingView),
  }),
  decideBinding: defineRoute({
    id: 'roster.decideBinding',
    method: 'POST',
    path: '/communities/{communityId}/roster/bindings/{bindingId}/decision',
    summary: '通过或驳回绑定申请（驳回须写明原因）',
    access: roles(['gridWorker', 'committee', 'admin']),
    staffLog: { object: 'binding' },
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), bindingId: id('申请') }),
    body: z
      .strictObject({
        decision: z.enum(['approve', 'reject']).check(z.meta({ title: '审核结果' })),
        reason: z.optional(text('原因', { max: 200 })),
      })
      .check(z.refine((b) => b.decision === 'approve' || !!b.reason, { error: '驳回时请写明原因', path: ['reason'] })),
    response: bindingView,
    successStatus: 200,
  }),
  createInvitation: defineRoute({
    id: 'roster.createInvitation',
    method: 'POST',
    path: '/communities/{communityId}/roster/units/{unitId}/invitations',
    summary: '为某户生成一次性邀请码/二维码（7 天有效）',
    access: roles(COMMITTEE),
    staffLog: { object: 'invitation', id: 'unitId' },
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), unitId: id('房屋') }),
    body: z.strictObject({ relation: z.enum(RELATIONS).check(z.meta({ title: '与房屋的关系' })) }),
    response: z.object({ code: z.string(), expiresAt: z.string(), unitLabel: z.string() }),
  }),
  listStaff: defineRoute({
    id: 'roster.listStaff',
    method: 'GET',
    path: '/communities/{communityId}/roster/staff',
    summary: '网格员、楼长、居委会等工作人员',
    access: roles(STAFF),
    params: communityParams,
    response: z.object({ items: z.array(staffView) }),
  }),
  grantRole: defineRoute({
    id: 'roster.grantRole',
    method: 'POST',
    path: '/communities/{communityId}/roster/staff',
    summary: '任命网格员（指定网格）、楼长（指定楼栋）或居委会成员',
    access: roles(COMMITTEE),
    staffLog: { object: 'role' },
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: communityParams,
    body: z
      .strictObject({
        userId: id('用户'),
        role: z.enum(['buildingHead', 'gridWorker', 'committee']).check(z.meta({ title: '角色' })),
        gridId: z.optional(id('网格')),
        buildingId: z.optional(id('楼栋')),
      })
      .check(
        z.refine((b) => b.role !== 'gridWorker' || !!b.gridId, { error: '网格员须指定网格', path: ['gridId'] }),
        z.refine((b) => b.role !== 'buildingHead' || !!b.buildingId, {
          error: '楼长须指定楼栋',
          path: ['buildingId'],
        }),
      ),
    response: staffView,
  }),
  revokeRole: defineRoute({
    id: 'roster.revokeRole',
    method: 'POST',
    path: '/communities/{communityId}/roster/staff/revocations',
    summary: '撤销某人的工作人员角色',
    access: roles(COMMITTEE),
    staffLog: { object: 'role' },
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: communityParams,
    body: z.strictObject({
      userId: id('用户'),
      role: z.enum(['buildingHead', 'gridWorker', 'committee']).check(z.meta({ title: '角色' })),
      gridId: z.optional(id('网格')),
      buildingId: z.optional(id('楼栋')),
    }),
    response: ok,
    successStatus: 200,
  }),
};

/** Roster files (台账 import/export): a separate Lambda, since the spreadsheet libraries weigh ~170 KB. */

export const rosterTransferRoutes = {
  createImportUpload: defineRoute({
    id: 'roster.createImportUpload',
    method: 'POST',
    path: '/communities/{communityId}/roster/imports/uploads',
    summary: '获取上传花名册文件（.xlsx/.csv）的预签名表单',
    access: roles(COMMITTEE),
    staffLog: false, // an upload URL; the roster changes in applyImport
    params: communityParams,
    body: z.strictObject({
      fileName: text('文件名', { max: 100 }),
      contentType: z
        .enum(Object.keys(ROSTER_UPLOAD_TYPES) as [keyof typeof ROSTER_UPLOAD_TYPES])
        .check(z.meta({ title: '文件类型' })),
      size: z.number(zh('文件大小')).check(z.int(), z.gte(1), z.lte(10 * 1024 * 1024), z.meta({ title: '文件大小' })),
    }),
    response: z.object({
      url: z.string(),
      fields: z.record(z.string(), z.string()),
      key: z.string(),
      expiresAt: z.string(),
    }),
  }),
  previewImport: defineRoute({
    id: 'roster.previewImport',
    method: 'POST',
    path: '/communities/{communityId}/roster/imports',
    summary: '校验已上传的花名册，逐行列出问题与变更预览（不写入）',
    access: roles(COMMITTEE),
    staffLog: false, // checks a sheet and keeps the job; the roster changes in applyImport
    params: communityParams,
    body: z.strictObject({
      key: z.string().check(z.minLength(1), z.maxLength(300), z.meta({ title: '文件' })),
      fileName: text('文件名', { max: 100 }),
    }),
    response: importJobView,
  }),
  applyImport: defineRoute({
    id: 'roster.applyImport',
    method: 'POST',
    path: '/communities/{communityId}/roster/imports/{jobId}/apply',
    summary: '写入已通过校验的花名册（可重复执行，不会产生重复）',
    access: roles(COMMITTEE),
    staffLog: { object: 'roster', id: 'jobId' },
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), jobId: id('导入任务') }),
    response: importJobView,
    successStatus: 200,
  }),
  getImport: defineRoute({
    id: 'roster.getImport',
    method: 'GET',
    path: '/communities/{communityId}/roster/imports/{jobId}',
    summary: '导入任务的进度与结果',
    access: roles(COMMITTEE),
    params: z.strictObject({ communityId: id('社区'), jobId: id('导入任务') }),
    response: importJobView,
  }),
  exportRoster: defineRoute({
    id: 'roster.export',
    method: 'POST',
    path: '/communities/{communityId}/roster/exports',
    summary: '导出花名册（与导入同列，可改后再导入）',
    access: roles(COMMITTEE),
    staffLog: false, // writes a spreadsheet to download, changes no record
    params: communityParams,
    body: z.strictObject({ format: z.enum(['xlsx', 'csv']).check(z.meta({ title: '格式' })) }),
    response: z.object({ url: z.string(), fileName: z.string(), expiresAt: z.string(), rows: z.number() }),
  }),
};
