import * as z from 'zod/mini';
import { id } from '../validation/fields';

/**
 * Who an intent is for when it is not one person: the dispatcher expands an audience into recipients
 * page by page (never one giant write), each getting their own intent.
 *
 * - `scope`: residents bound to units in a part of the community (all of it when every list is empty).
 * - `staff`: people holding a staff role there (网格员 of a grid, 楼长 of a building, 居委会, 街道).
 * - `topicNonVoters`: households that have not voted on a 议事厅 topic — provided by the agora feature.
 * - `activityVolunteers`: everyone signed up for a volunteer activity, confirmed or waiting — provided by
 *   the volunteer feature (its cancellation tells them all).
 */
export const scopeSchema = z.strictObject({
  gridIds: z.optional(z.array(id('网格')).check(z.maxLength(20))).check(z.meta({ title: '网格' })),
  buildingIds: z.optional(z.array(id('楼栋')).check(z.maxLength(50))).check(z.meta({ title: '楼栋' })),
  unitIds: z.optional(z.array(id('房屋')).check(z.maxLength(100))).check(z.meta({ title: '房屋' })),
});
export type Scope = z.output<typeof scopeSchema>;

export const STAFF_AUDIENCE_ROLES = ['gridWorker', 'buildingHead', 'committee', 'street'] as const;

export const audienceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('scope'), scope: scopeSchema }),
  z.strictObject({
    kind: z.literal('staff'),
    roles: z.array(z.enum(STAFF_AUDIENCE_ROLES)).check(z.minLength(1)),
    gridId: z.optional(id('网格')),
    buildingId: z.optional(id('楼栋')),
  }),
  z.strictObject({ kind: z.literal('topicNonVoters'), topicId: id('议题') }),
  z.strictObject({ kind: z.literal('activityVolunteers'), activityId: id('活动') }),
]);
export type Audience = z.output<typeof audienceSchema>;

/** True when a scope names no part of the community, i.e. means all of it. */
export function isWholeCommunity(scope: Scope): boolean {
  return !scope.gridIds?.length && !scope.buildingIds?.length && !scope.unitIds?.length;
}
