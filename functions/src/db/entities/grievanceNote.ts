import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { grievancePartition } from './grievance';

/** An internal note on a request: staff write and read it; no reporter-facing API ever returns it. */
export const GrievanceNoteEntity = new Entity({
  name: 'GrievanceNote',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    grievanceId: string().key(),
    noteId: string().key(),
    authorId: string().optional(),
    authorName: string(),
    authorRole: string().enum('gridWorker', 'committee', 'street', 'admin'),
    text: string(),
    at: string(),
  }),
  computeKey: ({ communityId, grievanceId, noteId }) => ({
    PK: grievancePartition(communityId, grievanceId),
    SK: `NOTE#${noteId}`,
  }),
});
export const grievanceNotes = GrievanceNoteEntity.build(Repository);
/** As services handle it: the created/modified stamps are the table's, not the domain's. */
export type GrievanceNoteItem = Omit<FormattedItem<typeof GrievanceNoteEntity>, 'created' | 'modified'>;
