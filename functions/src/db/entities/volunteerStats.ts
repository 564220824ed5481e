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
 * A volunteer's verified totals, all time (`period` = `ALL`, for star levels) or in one month
 * (`period` = `2026-11`, for the honour list). Moved by ADD in the same transaction as the approval
 * of hours (and back by its reversal), so they always agree with the ledger. One partition per
 * period lists everyone's totals for it.
 */
export const VolunteerStatsEntity = new Entity({
  name: 'VolunteerStats',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    period: string().key(),
    userId: string().key(),
    minutes: number().default(0),
    activities: number().default(0),
    points: number().default(0),
  }),
  computeKey: ({ communityId, period, userId }) => ({ PK: statsPartition(communityId, period), SK: userId }),
});
export const volunteerStats = VolunteerStatsEntity.build(Repository);
export type VolunteerStatsItem = FormattedItem<typeof VolunteerStatsEntity>;

export const ALL_TIME = 'ALL';
export const statsPartition = (communityId: string, period: string) => `C#${communityId}#VSTATS#${period}`;

/** V10 Everyone's verified totals of a period (a month `YYYY-MM`, or ALL_TIME). */
export const statsOfPeriod = VolunteerStatsEntity.build(AccessPattern)
  .schema(map({ communityId: string(), period: string() }))
  .pattern(({ communityId, period }) => ({
    partition: statsPartition(communityId, period),
    options: pageOptions(undefined),
  }))
  .meta({ title: 'V10' });
