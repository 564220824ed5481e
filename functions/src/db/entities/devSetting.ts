import { Entity } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/** Local-stack only: the clock offset every Lambda applies when DEV_CONTROLLABLE_CLOCK is on. */
export const DevClockEntity = new Entity({
  name: 'DevClock',
  table: LinliTable,
  schema: item({ name: string().key().default('clock'), offsetMs: number() }),
  computeKey: ({ name }) => ({ PK: 'DEV', SK: `SETTING#${name}` }),
});
export const devClocks = DevClockEntity.build(Repository);
