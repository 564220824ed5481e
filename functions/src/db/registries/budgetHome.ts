import { AccessPattern as EntityPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { string } from 'dynamodb-toolbox/schema/string';
import { registry } from '../registry';
import { BudgetRoundEntity, roundsOfCommunity } from '../entities/budgetRound';

/*
 * 民生微实事 as the home feed reads it: only the community's newest rounds. Apart from `budget.ts` because
 * that registry imports every budget entity, which the home Lambda would carry for this one query.
 */

/** Rounds open now are among the newest; the home feed looks at no more than these. */
export const NEWEST_ROUNDS_READ = 20;

/** B1 A community's newest rounds (the home feed's 点单 / 投票 entry). */
const newestRounds = BudgetRoundEntity.build(EntityPattern)
  .schema(map({ communityId: string() }))
  .pattern(({ communityId }) => ({
    index: 'GSI1',
    partition: roundsOfCommunity(communityId),
    options: { reverse: true, limit: NEWEST_ROUNDS_READ },
  }))
  .meta({ title: 'B1' });

export const budgetHome = registry('budgetHome', { newestRounds });
