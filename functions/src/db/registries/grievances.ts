import { AccessPattern } from 'dynamodb-toolbox/table/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { string } from 'dynamodb-toolbox/schema/string';
import { registry } from '../registry';
import { LinliTable } from '../table';
import {
  casesCreatedBetween,
  casesReportedBy,
  GrievanceEntity,
  grievancePartition,
  likelyDuplicates,
  openCases,
  publicCases,
} from '../entities/grievance';
import { evaluationsOf } from '../entities/grievanceEvaluation';
import { GrievanceEventEntity } from '../entities/grievanceEvent';
import { GrievanceMessageEntity } from '../entities/grievanceMessage';
import { GrievanceNoteEntity } from '../entities/grievanceNote';
import { reviewQueueOf } from '../entities/grievanceReview';
import { supportsOf } from '../entities/grievanceSupport';

/**
 * G1 A request with its timeline, messages and notes: one strongly consistent query of its
 * partition (SK `EV#` … `NOTE#`; the supports sort after the notes and are left out).
 */
const caseFile = LinliTable.build(AccessPattern)
  .entities(GrievanceEntity, GrievanceEventEntity, GrievanceMessageEntity, GrievanceNoteEntity)
  .schema(map({ communityId: string(), grievanceId: string() }))
  .pattern(({ communityId, grievanceId }) => ({
    partition: grievancePartition(communityId, grievanceId),
    range: { between: ['EV#', 'NOTE#\uffff'] as [string, string] },
  }))
  .options({ consistent: true, maxPages: Infinity, showEntityAttr: true })
  .meta({ title: 'G1' });

/** 诉求: requests, their timelines, supports, review markers and evaluations. */
export const grievances = registry('grievances', {
  caseFile,
  reportedBy: casesReportedBy,
  publicCases,
  likelyDuplicates,
  createdBetween: casesCreatedBetween,
  openCases,
  supportsOf,
  reviewQueue: reviewQueueOf,
  evaluations: evaluationsOf,
});
