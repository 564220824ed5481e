import { any } from 'dynamodb-toolbox/schema/any';
import { map } from 'dynamodb-toolbox/schema/map';
import { number } from 'dynamodb-toolbox/schema/number';

/** A LastEvaluatedKey to continue from (see `decodeCursor`). */
export type StartKey = Record<string, unknown>;

/** A page of a query: at most `limit` items, continuing after `start`. */
export interface Page {
  limit?: number;
  start?: StartKey;
}

/**
 * The `page` input every access pattern takes. Without it a pattern reads every page (the lists
 * that are small by construction: a community's grids, a poll's voters); with it, one page.
 */
export const pageInput = map({
  limit: number().optional(),
  start: any().castAs<StartKey>().optional(),
}).optional();

export const pageOptions = (page: Page | undefined) =>
  page ? { limit: page.limit, exclusiveStartKey: page.start } : { maxPages: Infinity };
