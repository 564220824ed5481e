import { personalDataRoutes } from '@linli/shared';
import { pipeline, type Handlers } from '../http/pipeline';
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

/**
 * Without 亲情代办 and the staff log: a helper may not export or erase a resident's account (both routes are
 * refused under 代办, so a request naming a 代办 session gets the same 403), and neither route is a privileged
 * write (personalDataHandler.test.ts holds both). 4–5 KB less to bundle.
 */
export const handler = pipeline(personalDataRoutes, personalDataHandlers(), {});
