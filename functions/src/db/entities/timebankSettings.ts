import { Entity } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/** A community's time-bank policy: points expiry (off unless the committee turns it on). */
export const TimebankSettingsEntity = new Entity({
  name: 'TimebankSettings',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    expiryEnabled: boolean().default(false),
    expiryMonths: number().default(24),
    /** 通存通兑: whether the street's other communities' residents may donate here (absent: yes). */
    streetOpen: boolean().optional(),
    updatedBy: string().optional(),
    updatedAt: string().optional(),
  }),
  computeKey: ({ communityId }) => ({ PK: `C#${communityId}`, SK: 'TIMEBANK#SETTINGS' }),
});
export const timebankSettings = TimebankSettingsEntity.build(Repository);
