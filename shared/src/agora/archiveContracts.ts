import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { COMMITTEE } from '../identity/roles';
import { id } from '../validation/fields';
import { zh } from '../validation/messages';
import { PAPER_RECORDERS } from './channels';

const topicParams = z.strictObject({ communityId: id('社区'), topicId: id('议题') });

/** Years a vote's archive zip is kept (the community's choice; 10 unless set). */
export const ARCHIVE_YEARS = [5, 10, 15, 20, 30] as const;
export const DEFAULT_ARCHIVE_YEARS = 10;

/**
 * The code printed on a 表决票 (8 symbols, shown as ABCD-EFGH): keyed by the ballot secret, so it cannot be
 * made up; the paper-ballot recording finds the owner's seat from it. Typed back with hyphens or in lower case.
 * Any id-shaped text is accepted and a code that names no seat is 404, so a caller without the role gets its
 * 403 before anything about the input (params are read before roles).
 */
export const sheetCode = () => {
  const title = '表决票编码';
  const normalised = z.pipe(
    z.string(zh(title)),
    z.transform((s) => s.replace(/[\s-]/g, '').toUpperCase()),
  );
  const valid = z.string(zh(title)).check(z.regex(/^[0-9A-Z_]{1,64}$/), z.meta({ title }));
  return z.pipe(normalised, valid).check(z.meta({ title }));
};

/** One printed 表决票: one owner (or household) with their units and area as registered. */
export const ballotSheetView = z.object({
  code: z.string(),
  voterKey: z.string(),
  /** 权利人 name(s) of an owner, 建设单位（未售房屋） for the developer, the unit for a household. */
  holder: z.string(),
  buildingId: z.string(),
  units: z.array(z.object({ unitId: z.string(), label: z.string(), area: z.number() })),
  /** ㎡, the sum of the units in scope. */
  area: z.number(),
});
export type BallotSheetView = z.output<typeof ballotSheetView>;

const archiveSettingsView = z.object({ years: z.number() });

/** Printable documents and the per-vote archive: their own Lambda (agoraArchive), like the other exports. */
export const agoraArchiveRoutes = {
  ballotSheets: defineRoute({
    id: 'agoraArchive.ballotSheets',
    method: 'GET',
    path: '/communities/{communityId}/agora/topics/{topicId}/sheets',
    summary: '打印表决票（每位业主一页，按楼栋分批）',
    access: roles(COMMITTEE),
    answers: { notFound: true, conflicts: ['CONFLICT'] },
    params: topicParams,
    query: z.object({ buildingId: z.optional(id('楼栋')) }),
    response: z.object({
      topicId: z.string(),
      title: z.string(),
      description: z.string(),
      basis: z.enum(['household', 'owners']),
      secrecy: z.enum(['secret', 'open']),
      ballotKind: z.string(),
      maxChoices: z.number(),
      options: z.array(z.object({ optionId: z.string(), label: z.string() })),
      ruleName: z.string(),
      legalBasis: z.string(),
      opensAt: z.string(),
      closesAt: z.string(),
      buildings: z.array(z.object({ buildingId: z.string(), name: z.string(), sheets: z.number() })),
      sheets: z.array(ballotSheetView),
    }),
  }),
  findSheet: defineRoute({
    id: 'agoraArchive.findSheet',
    method: 'GET',
    path: '/communities/{communityId}/agora/topics/{topicId}/sheets/{code}',
    summary: '按表决票编码查找业主（代录纸质票时核对）',
    access: roles(PAPER_RECORDERS),
    answers: { notFound: true, conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), topicId: id('议题'), code: sheetCode() }),
    response: ballotSheetView,
  }),
  archiveVote: defineRoute({
    id: 'agoraArchive.archiveVote',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics/{topicId}/archive',
    summary: '导出表决归档（zip：选票清单、参与记录、纸质票照片、冲突处理、结果与哈希、文件清单）',
    access: roles(COMMITTEE),
    staffLog: false, // export: writes the archive file to storage, changes no record
    answers: { notFound: true, conflicts: ['ILLEGAL_TRANSITION'] },
    params: topicParams,
    response: z.object({
      url: z.string(),
      fileName: z.string(),
      expiresAt: z.string(),
      files: z.number(),
      /** The published result's SHA-256 over the ordered ballot list, as the manifest states it. */
      ballotListSha256: z.string(),
      retainUntil: z.string(),
    }),
  }),
  getArchiveSettings: defineRoute({
    id: 'agoraArchive.getArchiveSettings',
    method: 'GET',
    path: '/communities/{communityId}/agora/archive-settings',
    summary: '表决归档保存年限',
    access: roles(COMMITTEE),
    params: z.strictObject({ communityId: id('社区') }),
    response: archiveSettingsView,
  }),
  updateArchiveSettings: defineRoute({
    id: 'agoraArchive.updateArchiveSettings',
    method: 'PUT',
    path: '/communities/{communityId}/agora/archive-settings',
    summary: '设置表决归档保存年限',
    access: roles(COMMITTEE),
    staffLog: { object: 'setting' },
    params: z.strictObject({ communityId: id('社区') }),
    body: z.strictObject({
      years: z.number(zh('保存年限')).check(
        z.refine((n) => (ARCHIVE_YEARS as readonly number[]).includes(n), {
          error: '保存年限可选 5、10、15、20、30 年',
        }),
        z.meta({ title: '保存年限' }),
      ),
    }),
    response: archiveSettingsView,
  }),
};
