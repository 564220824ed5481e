import { Entity } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/** A fixed-window request counter per caller and budget; expires by TTL shortly after its window. */
export const RateCounterEntity = new Entity({
  name: 'RateCounter',
  table: LinliTable,
  schema: item({ bucket: string().key(), count: number(), ttl: number() }),
  computeKey: ({ bucket }) => ({ PK: `RATE#${bucket}`, SK: 'RATE' }),
  timestamps: false,
});
export const rateCounters = RateCounterEntity.build(Repository);
