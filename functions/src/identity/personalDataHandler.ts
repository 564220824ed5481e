import { personalDataRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { deleteAccount, exportMyData } from './accountData';

type Routes = typeof personalDataRoutes;

/**
 * 个人数据导出与注销 (GET /me/export, DELETE /me): their own Lambda, since they read and erase every
 * context's data; API Gateway routes these two ahead of the identity Lambda's `ANY /me` and `/me/{proxy+}`.
 */
export function personalDataHandlers(): Handlers<Routes> {
  return {
    exportMyData: ({ user, now }) => exportMyData(user!, now),
    deleteMe: async ({ user, now }) => {
      await deleteAccount(user!, now);
      return { ok: true as const };
    },
  };
}

export const handler = httpApi(personalDataRoutes, personalDataHandlers());
