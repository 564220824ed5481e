import * as z from 'zod/mini';
import { defineRoute, ok, SIGNED_IN } from '../contracts/http';

/**
 * 个人数据导出与注销: served by their own Lambda (`personalData`), since they read and erase every context's data
 * (the identity Lambda would carry every context's entities for two rarely used routes).
 */
export const personalDataRoutes = {
  exportMyData: defineRoute({
    id: 'identity.exportMyData',
    method: 'GET',
    path: '/me/export',
    summary: '导出与我有关的全部数据（JSON）',
    access: SIGNED_IN,
    // 403 under 亲情代办: a helper may not export a resident's data (the personalData Lambda has no 代办).
    answers: { forbidden: true },
    response: z.object({ exportedAt: z.string(), sections: z.record(z.string(), z.unknown()) }),
  }),
  deleteMe: defineRoute({
    id: 'identity.deleteMe',
    method: 'DELETE',
    path: '/me',
    summary: '注销账号：删除个人信息，投票与积分流水匿名保留',
    access: SIGNED_IN,
    // 403 under 亲情代办: a helper may not close a resident's account.
    answers: { conflicts: ['CONFLICT'], forbidden: true },
    response: ok,
  }),
};
