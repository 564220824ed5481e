import * as z from 'zod/mini';
import { defineRoute, page, roles } from '../contracts/http';
import { COMMITTEE, MEMBERS } from '../identity/roles';
import { cursor, id, text } from '../validation/fields';
import { zh } from '../validation/messages';

/** 业主名册 from a 不动产登记 extract (preview, then apply) and a resident owner's census check: the ownerRegistry Lambda. */

const communityParams = z.strictObject({ communityId: id('社区') });

const problemView = z.object({
  row: z.number(),
  kind: z.enum(['unmatched', 'duplicateUnit', 'missingHolder', 'badArea', 'badIdNo']),
  column: z.optional(z.string()),
  message: z.string(),
});
const noteView = z.object({
  row: z.number(),
  kind: z.enum(['areaDiffers', 'sameName', 'ownerChanged']),
  message: z.string(),
});

/** One row of the extract: its match to the roster, or its problem. */
export const registryRowView = z.object({
  row: z.number(),
  address: z.string(),
  unitNo: z.optional(z.string()),
  holders: z.string(),
  area: z.optional(z.number()),
  unitLabel: z.optional(z.string()),
  rosterArea: z.optional(z.number()),
  status: z.enum(['ok', 'problem', 'note']),
  message: z.optional(z.string()),
});
export const REGISTRY_ROW_STATUSES = ['ok', 'problem', 'note'] as const;
/** Rows in the preview's answer; the rest come page by page from `owners.registryImportRows`. */
export const REGISTRY_ROWS_PAGE = 200;

/** What an import would make of the owners' roster: the numbers an owners' poll of the community would count. */
export const ownerRegistryImportView = z.object({
  jobId: z.string(),
  status: z.enum(['previewed', 'invalid', 'applied']),
  fileName: z.string(),
  totals: z.object({
    rows: z.number(),
    matchedUnits: z.number(),
    units: z.number(),
    heads: z.number(),
    owners: z.number(),
    developerUnits: z.number(),
    /** ㎡. */
    area: z.number(),
    coOwnedUnits: z.number(),
    multiUnitOwners: z.number(),
    unitsNotInExtract: z.number(),
  }),
  /** What applying writes: units whose area, owner or 不动产单元号 change; owners; bound 业主 re-pointed. */
  changes: z.object({ units: z.number(), owners: z.number(), bindings: z.number() }),
  byBuilding: z.array(
    z.object({ buildingId: z.string(), name: z.string(), units: z.number(), heads: z.number(), area: z.number() }),
  ),
  /** The extract's first rows, each its match or its problem; `rowsCursor` reads on (`owners.registryImportRows`). */
  rows: z.array(registryRowView),
  rowsCursor: z.optional(z.string()),
  /** Rows by status, over every row of the extract (not only those in `rows`). */
  rowCounts: z.object({ ok: z.number(), note: z.number(), problem: z.number() }),
  /** Who counts: every owner with their units and area (the first 3,000). */
  owners: z.array(z.object({ name: z.string(), units: z.array(z.string()), area: z.number() })),
  problems: z.array(problemView),
  notes: z.array(noteView),
  /** Owners' polls whose electorate is frozen: their counts stay; `open` ones refuse the apply. */
  polls: z.array(z.object({ topicId: z.string(), title: z.string(), opensAt: z.string(), open: z.boolean() })),
  createdAt: z.string(),
  appliedAt: z.optional(z.string()),
});
export type OwnerRegistryImportView = z.output<typeof ownerRegistryImportView>;

/** A resident's own entry in the owners' roster, and in a poll's electorate when asked about one. */
export const ownerCensusView = z.object({
  owners: z.array(
    z.object({
      ownerId: z.string(),
      name: z.string(),
      units: z.array(z.object({ unitId: z.string(), label: z.string(), area: z.number(), inPoll: z.boolean() })),
      /** ㎡ of the units (in the poll's scope when asked about a poll). */
      area: z.number(),
      inPoll: z.boolean(),
    }),
  ),
  /** Units she is bound to but not as the registered owner's 业主 (家属, 租户, or a unit with no owner on the roster). */
  otherUnits: z.array(z.object({ unitId: z.string(), label: z.string(), reason: z.string() })),
  poll: z.optional(
    z.object({
      topicId: z.string(),
      title: z.string(),
      opensAt: z.string(),
      closesAt: z.string(),
      /** 公示: the electorate is frozen and voting has not opened. */
      beforeOpening: z.boolean(),
      heads: z.number(),
      area: z.number(),
    }),
  ),
});
export type OwnerCensusView = z.output<typeof ownerCensusView>;

export const ownerRegistryRoutes = {
  previewRegistryImport: defineRoute({
    id: 'owners.previewRegistryImport',
    method: 'POST',
    path: '/communities/{communityId}/owners/registry-imports',
    summary: '校验已上传的不动产登记摘录：逐行匹配房屋、推算业主人数与面积（不写入）',
    access: roles(COMMITTEE),
    staffLog: false, // checks an extract and keeps the job; the roster changes in applyRegistryImport
    params: communityParams,
    body: z.strictObject({
      /** The key `roster.createImportUpload` answered (the same upload as the 台账 import). */
      key: z.string(zh('文件')).check(z.maxLength(300), z.regex(/^imports\/[\w./-]+$/), z.meta({ title: '文件' })),
      fileName: text('文件名', { max: 100 }),
    }),
    response: ownerRegistryImportView,
  }),
  applyRegistryImport: defineRoute({
    id: 'owners.applyRegistryImport',
    method: 'POST',
    path: '/communities/{communityId}/owners/registry-imports/{jobId}/apply',
    summary: '按预览写入业主名册（登记面积、业主与共有人；可重复执行，不会重复写入）',
    access: roles(COMMITTEE),
    staffLog: { object: 'roster', id: 'jobId' },
    answers: { conflicts: ['CONFLICT', 'STALE', 'ILLEGAL_TRANSITION'] },
    params: z.strictObject({ communityId: id('社区'), jobId: id('导入任务') }),
    response: ownerRegistryImportView,
    successStatus: 200,
  }),
  registryImportRows: defineRoute({
    id: 'owners.registryImportRows',
    method: 'GET',
    path: '/communities/{communityId}/owners/registry-imports/{jobId}/rows',
    summary: '逐页读取登记摘录的逐行匹配结果（可只看有问题或需核对的行）',
    access: roles(COMMITTEE),
    answers: { notFound: true, conflicts: ['STALE'] },
    params: z.strictObject({ communityId: id('社区'), jobId: id('导入任务') }),
    query: z.strictObject({
      status: z.optional(z.enum(REGISTRY_ROW_STATUSES).check(z.meta({ title: '匹配状态' }))),
      cursor,
      limit: z
        ._default(z.coerce.number(zh('每页行数')).check(z.int(), z.gte(1), z.lte(500)), REGISTRY_ROWS_PAGE)
        .check(z.meta({ title: '每页行数' })),
    }),
    response: page(registryRowView),
  }),
  myCensus: defineRoute({
    id: 'owners.myCensus',
    method: 'GET',
    path: '/communities/{communityId}/owners/census',
    summary: '核对我的业主信息：是否在业主名册（或某次业主表决的名册）中，名下房屋与面积',
    access: roles(MEMBERS),
    answers: { notFound: true },
    params: communityParams,
    query: z.strictObject({ topicId: z.optional(id('议题')) }),
    response: ownerCensusView,
  }),
};
