import * as z from 'zod/mini';
import { id } from '../validation/fields';

/*
 * The members of a scope (who a decision is for), shared by the 议事厅's votes and the 民生微实事 rounds so the
 * two accept the same shapes with the same limits and messages. Kept apart from `contracts.ts` so the budget
 * contracts (and the budget Lambda) do not bring the 议事厅's routes with them.
 */
export const communityScopeSchema = z.strictObject({ kind: z.literal('community') });
export const gridsScopeSchema = z.strictObject({
  kind: z.literal('grids'),
  gridIds: z.array(id('网格')).check(z.minLength(1), z.maxLength(50), z.meta({ title: '网格' })),
});
export const buildingsScopeSchema = z.strictObject({
  kind: z.literal('buildings'),
  buildingIds: z.array(id('楼栋')).check(z.minLength(1), z.maxLength(200), z.meta({ title: '楼栋' })),
});
export const unitsScopeSchema = z.strictObject({
  kind: z.literal('units'),
  unitIds: z.array(id('房屋')).check(z.minLength(1), z.maxLength(500), z.meta({ title: '房屋' })),
});
