import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/**
 * An owners' roster import from a 不动产登记 extract: the uploaded file (S3 key + ETag) and the fingerprint of the
 * roster its preview showed. Applying re-reads the file and refuses when either changed since.
 */
export const OwnerRegistryImportEntity = new Entity({
  name: 'OwnerRegistryImport',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    jobId: string().key(),
    key: string(),
    etag: string(),
    fileName: string(),
    status: string().enum('invalid', 'previewed', 'applied'),
    fingerprint: string(),
    createdBy: string(),
    createdAt: string(),
    appliedAt: string().optional(),
  }),
  computeKey: ({ communityId, jobId }) => ({ PK: `C#${communityId}`, SK: `OWNERREG#${jobId}` }),
});
export const ownerRegistryImports = OwnerRegistryImportEntity.build(Repository);
export type OwnerRegistryImportItem = FormattedItem<typeof OwnerRegistryImportEntity>;
