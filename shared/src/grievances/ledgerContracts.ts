import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { id } from '../validation/fields';
import { zh } from '../validation/messages';
import { EVALUATORS } from './lifecycle';

const day = (title: string) => z.iso.date(zh(title)).check(z.meta({ title }));

/** 台账 export: its own Lambda, so the spreadsheet library loads only there. */
export const grievanceLedgerRoutes = {
  exportLedger: defineRoute({
    id: 'grievances.exportLedger',
    method: 'POST',
    path: '/communities/{communityId}/grievances/exports',
    summary: '导出诉求台账（.xlsx，全部字段，按提交日期筛选）',
    access: roles(EVALUATORS),
    staffLog: false, // writes a spreadsheet to download, changes no record
    answers: { notFound: true },
    params: z.strictObject({ communityId: id('社区') }),
    body: z.strictObject({ from: day('开始日期'), to: day('结束日期') }).check(
      z.refine((b) => b.from <= b.to, { error: '开始日期不能晚于结束日期', path: ['to'] }),
      z.refine((b) => Date.parse(b.to) - Date.parse(b.from) <= 366 * 86_400_000, {
        error: '一次最多导出一年',
        path: ['to'],
      }),
    ),
    response: z.object({ url: z.string(), fileName: z.string(), expiresAt: z.string(), rows: z.number() }),
  }),
};
