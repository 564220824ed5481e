import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/** A community's 议事厅 settings: how many 附议 put a resident proposal in the committee's queue. */
export const AgoraSettingsEntity = new Entity({
  name: 'AgoraSettings',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    supportThreshold: number(),
    updatedBy: string(),
  }),
  computeKey: ({ communityId }) => ({ PK: `C#${communityId}`, SK: 'SETTINGS#agora' }),
});
export const agoraSettings = AgoraSettingsEntity.build(Repository);
export type AgoraSettingsItem = FormattedItem<typeof AgoraSettingsEntity>;
export const DEFAULT_SUPPORT_THRESHOLD = 10;
