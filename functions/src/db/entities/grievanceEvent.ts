import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { GRIEVANCE_STATUSES, LEVELS } from '@linli/shared';
import { LinliTable } from '../table';
import { grievancePartition } from './grievance';

/**
 * What a step was: a transition (`T`, one per version), or the sweep's 催办/督办 for a version, a topic
 * link, a 民生微实事 project link (`budget`), or a reviewer's decision on one flagged item (`review#<target>`, one per item ever).
 */
export const EVENT_KINDS = ['T', 'remind', 'overdue', 'topic', 'budget'] as const;
export const reviewEventKind = (target: string) => `review#${target}`;
const KIND_PATTERN =
  /^(T|remind|overdue|topic|budget|review#(description|message:[0-9A-Za-z_-]+|photo:[0-9A-Za-z_-]+))$/;

/**
 * One step of a request's timeline (who, when, what). Written in the same transaction as the change
 * it records, with a condition that it does not exist yet, and never updated: the timeline is
 * append-only. The sort key `EV#<version>#<kind>` makes a replayed step collide with itself.
 */
export const GrievanceEventEntity = new Entity({
  name: 'GrievanceEvent',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    grievanceId: string().key(),
    version: number().key(),
    kind: string()
      .key()
      .validate((k: string) => KIND_PATTERN.test(k)),
    action: string(),
    at: string(),
    actorId: string().optional(),
    actorName: string(),
    /** 亲情代办: the helper who took this step in the resident's name. */
    proxyBy: string().optional(),
    actorRole: string().enum('reporter', 'gridWorker', 'committee', 'street', 'admin', 'system'),
    fromStatus: string()
      .enum(...GRIEVANCE_STATUSES)
      .optional(),
    toStatus: string().enum(...GRIEVANCE_STATUSES),
    fromLevel: string()
      .enum(...LEVELS)
      .optional(),
    toLevel: string().enum(...LEVELS),
    note: string().optional(),
  }),
  computeKey: ({ communityId, grievanceId, version, kind }) => ({
    PK: grievancePartition(communityId, grievanceId),
    SK: `EV#${String(version).padStart(6, '0')}#${kind}`,
  }),
});
export const grievanceEvents = GrievanceEventEntity.build(Repository);
/** As services handle it: the created/modified stamps are the table's, not the domain's. */
export type GrievanceEventItem = Omit<FormattedItem<typeof GrievanceEventEntity>, 'created' | 'modified'>;
