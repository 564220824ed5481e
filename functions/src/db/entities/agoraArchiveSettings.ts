import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/** How many years a community keeps each vote's archive zip (表决归档保存年限); 10 when never set. */
export const AgoraArchiveSettingsEntity = new Entity({
  name: 'AgoraArchiveSettings',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    years: number(),
    updatedBy: string(),
  }),
  computeKey: ({ communityId }) => ({ PK: `C#${communityId}`, SK: 'SETTINGS#agoraArchive' }),
});
export const agoraArchiveSettings = AgoraArchiveSettingsEntity.build(Repository);
export type AgoraArchiveSettingsItem = FormattedItem<typeof AgoraArchiveSettingsEntity>;
