import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { RELATIONS, stableHash } from '@linli/shared';
import { LinliTable } from '../table';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';

export const BINDING_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type BindingStatus = (typeof BINDING_STATUSES)[number];

/**
 * A resident's request to bind to a unit. The id derives from (user, unit), so a double tap or a
 * retry lands on the same record and a user has at most one open request per unit.
 * GSI1: the approval queue by status, then grid (a grid worker reads only their grid's slice).
 * GSI2: a user's own requests.
 */
export const BindingEntity = new Entity({
  name: 'Binding',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    bindingId: string().key(),
    userId: string(),
    unitId: string(),
    buildingId: string(),
    gridId: string(),
    relation: string().enum(...RELATIONS),
    realName: string().optional(),
    ownerId: string().optional(),
    unitLabel: string(),
    communityName: string(),
    note: string().optional(),
    status: string().enum(...BINDING_STATUSES),
    reason: string().optional(),
    requestedAt: string(),
    decidedAt: string().optional(),
    decidedBy: string().optional(),
    via: string().enum('request', 'invitation').default('request'),
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>((b) => bindingQueue(b.communityId, b.status))
      // A decision moves the request to its status's queue (same sort key, so only the partition moves).
      .updateLink<typeof prev>((b) =>
        typeof b.status === 'string' && typeof b.communityId === 'string'
          ? bindingQueue(b.communityId, b.status as BindingStatus)
          : undefined,
      ),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>((b) => bindingQueueSort(b)),
    GSI2PK: string()
      .hidden()
      .link<typeof prev>(({ userId }) => `USER#${userId}`),
    GSI2SK: string()
      .hidden()
      .link<typeof prev>(({ requestedAt, bindingId }) => `BINDING#${requestedAt}#${bindingId}`),
  })),
  computeKey: ({ communityId, bindingId }) => ({ PK: `C#${communityId}`, SK: `BINDING#${bindingId}` }),
});
export const bindings = BindingEntity.build(Repository);
export type BindingItem = FormattedItem<typeof BindingEntity>;

export const bindingIdOf = (userId: string, unitId: string) => `bd${stableHash(`${userId}|${unitId}`).slice(0, 18)}`;
export const bindingQueue = (communityId: string, status: BindingStatus) => `C#${communityId}#BINDINGS#${status}`;
export const bindingQueueSort = (b: { gridId: string; requestedAt: string; bindingId: string }) =>
  `${b.gridId}#${b.requestedAt}#${b.bindingId}`;

/** #8 A person's binding requests (newest first for 我的房屋). */
export const bindingsOfUser = BindingEntity.build(AccessPattern)
  .schema(map({ userId: string(), newestFirst: boolean().optional(), page: pageInput }))
  .pattern(({ userId, newestFirst, page }) => ({
    index: 'GSI2',
    partition: `USER#${userId}`,
    range: { beginsWith: 'BINDING#' },
    options: { reverse: newestFirst, ...pageOptions(page) },
  }))
  .meta({ title: '#8' });

/** #7 The approval queue of a status, the whole community's or one grid's slice. */
export const bindingQueueOf = BindingEntity.build(AccessPattern)
  .schema(
    map({
      communityId: string(),
      status: string().enum(...BINDING_STATUSES),
      gridId: string().optional(),
      page: pageInput,
    }),
  )
  .pattern(({ communityId, status, gridId, page }) => ({
    index: 'GSI1',
    partition: bindingQueue(communityId, status),
    ...(gridId ? { range: { beginsWith: `${gridId}#` } } : {}),
    options: pageOptions(page),
  }))
  .meta({ title: '#7' });
