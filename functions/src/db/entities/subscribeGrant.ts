import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageOptions } from '../page';

/**
 * One-time subscribe grants a person holds for one template (each 允许 in wx.requestSubscribeMessage
 * permits one send). Counted up when the app reports a grant, down (never below zero: a condition) when
 * a send is reserved, and zeroed when WeChat answers 43101 (it holds none, whatever we counted).
 */
export const SubscribeGrantEntity = new Entity({
  name: 'SubscribeGrant',
  table: LinliTable,
  schema: item({
    userId: string().key(),
    templateId: string().key(),
    remaining: number().default(0),
    updatedAt: string().optional(),
  }),
  computeKey: ({ userId, templateId }) => ({ PK: `USER#${userId}`, SK: `GRANT#${templateId}` }),
});
export const subscribeGrants = SubscribeGrantEntity.build(Repository);
export type SubscribeGrantItem = FormattedItem<typeof SubscribeGrantEntity>;

/** #30 The subscribe grants a person holds, per template (read consistently: a send may just have used one). */
export const grantsOfUser = SubscribeGrantEntity.build(AccessPattern)
  .schema(map({ userId: string() }))
  .pattern(({ userId }) => ({
    partition: `USER#${userId}`,
    range: { beginsWith: 'GRANT#' },
    options: { consistent: true, ...pageOptions(undefined) },
  }))
  .meta({ title: '#30' });
