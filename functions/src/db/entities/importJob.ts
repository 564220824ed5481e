import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { list } from 'dynamodb-toolbox/schema/list';
import { map } from 'dynamodb-toolbox/schema/map';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/**
 * A roster import: the uploaded file (immutable S3 key + ETag), what validation found, and how far
 * writing got. Applying re-reads the same file and refuses if its ETag changed since the preview.
 */
export const ImportJobEntity = new Entity({
  name: 'ImportJob',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    jobId: string().key(),
    key: string(),
    etag: string(),
    fileName: string(),
    status: string().enum('invalid', 'previewed', 'applying', 'applied', 'failed'),
    problems: list(map({ row: number(), column: string().optional(), message: string() })),
    problemCount: number(),
    /** Rows a registry unit's area or owner was left alone for (the first 500) and how many in all. */
    registryKept: list(
      map({ row: number(), unit: string(), fields: list(string().enum('area', 'owner')), message: string() }),
    ).optional(),
    registryKeptCount: number().optional(),
    summary: map({
      rows: number(),
      grids: number(),
      buildings: number(),
      unitsAdded: number(),
      unitsUpdated: number(),
      unitsUnchanged: number(),
      owners: number(),
    }),
    written: number().default(0),
    total: number(),
    createdBy: string(),
    createdAt: string(),
    appliedAt: string().optional(),
    failure: string().optional(),
  }),
  computeKey: ({ communityId, jobId }) => ({ PK: `C#${communityId}`, SK: `IMPORT#${jobId}` }),
});
export const importJobs = ImportJobEntity.build(Repository);
export type ImportJobItem = FormattedItem<typeof ImportJobEntity>;
