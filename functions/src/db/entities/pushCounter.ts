import { Entity } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/**
 * WeChat pushes a person got on one China day, for the daily cap: incremented with a `count < cap`
 * condition in the same transaction that reserves the send. Expires by TTL two days later.
 */
export const PushCounterEntity = new Entity({
  name: 'PushCounter',
  table: LinliTable,
  schema: item({ userId: string().key(), day: string().key(), count: number().default(0), ttl: number() }),
  computeKey: ({ userId, day }) => ({ PK: `USER#${userId}`, SK: `PUSHDAY#${day}` }),
  timestamps: false,
});
export const pushCounters = PushCounterEntity.build(Repository);
