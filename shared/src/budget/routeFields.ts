import * as z from 'zod/mini';
import { id } from '../validation/fields';
import { zh } from '../validation/messages';
import { MAX_PROJECT_PHOTOS } from './limits';
import { MAX_BUDGET_YUAN } from './money';

/* The path parameters and body fields 民生微实事's routes modules share (contracts.ts, projectContracts.ts, deliveryContracts.ts). */

export const communityParams = z.strictObject({ communityId: id('社区') });
export const roundParams = z.strictObject({ communityId: id('社区'), roundId: id('预算轮次') });
export const projectParams = z.strictObject({
  communityId: id('社区'),
  roundId: id('预算轮次'),
  projectId: id('项目'),
});
/** Sent by the client once per user action, so a retried request is recognised rather than repeated. */
export const requestId = id('请求编号');
export const yuan = (title: string, min = 0) =>
  z.number(zh(title)).check(z.int(), z.gte(min), z.lte(MAX_BUDGET_YUAN), z.meta({ title }));
export const photoKeys = z
  ._default(
    z
      .array(z.string(zh('照片')).check(z.minLength(1), z.maxLength(300)), zh('照片'))
      .check(z.maxLength(MAX_PROJECT_PHOTOS)),
    [],
  )
  .check(
    z.refine((keys) => new Set(keys).size === keys.length, { error: '同一张照片只能添加一次' }),
    z.meta({ title: '照片' }),
  );
