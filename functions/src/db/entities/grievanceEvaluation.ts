import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { any } from 'dynamodb-toolbox/schema/any';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';

/**
 * A month's 群众性评议 as the committee published it: the figures frozen at publication (put once,
 * with a condition), in the community's partition so the latest is one reverse query.
 */
export const GrievanceEvaluationEntity = new Entity({
  name: 'GrievanceEvaluation',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    month: string().key(),
    /** The published figures (evaluationView in shared), stored as they were shown. */
    figures: any(),
    publishedAt: string(),
    publishedBy: string(),
  }),
  computeKey: ({ communityId, month }) => ({ PK: `C#${communityId}`, SK: `GRVEVAL#${month}` }),
});
export const grievanceEvaluations = GrievanceEvaluationEntity.build(Repository);
/** As services handle it: the created/modified stamps are the table's, not the domain's. */
export type GrievanceEvaluationItem = Omit<FormattedItem<typeof GrievanceEvaluationEntity>, 'created' | 'modified'>;

/** G12 A community's published evaluations, latest first (a page of one is the latest). */
export const evaluationsOf = GrievanceEvaluationEntity.build(AccessPattern)
  .schema(map({ communityId: string(), page: pageInput }))
  .pattern(({ communityId, page }) => ({
    partition: `C#${communityId}`,
    range: { beginsWith: 'GRVEVAL#' },
    options: { reverse: true, ...pageOptions(page) },
  }))
  .meta({ title: 'G12' });
