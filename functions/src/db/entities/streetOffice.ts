import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { streetPartition } from './street';

/**
 * A member of a street office (街道工作人员), appointed by a one-time invitation code. Written in the
 * same transaction as the user's `offices` entry, so listing the office and authorising agree.
 */
export const StreetOfficeEntity = new Entity({
  name: 'StreetOffice',
  table: LinliTable,
  schema: item({
    streetId: string().key(),
    userId: string().key(),
    realName: string(),
    grantedBy: string(),
    grantedAt: string(),
    /** The invitation code redeemed. */
    via: string(),
  }),
  computeKey: ({ streetId, userId }) => ({ PK: streetPartition(streetId), SK: `OFFICE#${userId}` }),
});
export const streetOffices = StreetOfficeEntity.build(Repository);
export type StreetOfficeItem = FormattedItem<typeof StreetOfficeEntity>;
