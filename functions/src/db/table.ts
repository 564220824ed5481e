import { Table } from 'dynamodb-toolbox/table';
import { documentClient } from '../commons/clients';
import { config } from '../commons/config';

/**
 * The single Linli table. Keys are generic (PK/SK, GSI1-3) and every entity computes its own;
 * see docs/DATA.md for the entity and access-pattern chart.
 */
export const LinliTable = new Table({
  name: () => config.tableName,
  partitionKey: { name: 'PK', type: 'string' },
  sortKey: { name: 'SK', type: 'string' },
  indexes: {
    GSI1: {
      type: 'global',
      partitionKey: { name: 'GSI1PK', type: 'string' },
      sortKey: { name: 'GSI1SK', type: 'string' },
    },
    GSI2: {
      type: 'global',
      partitionKey: { name: 'GSI2PK', type: 'string' },
      sortKey: { name: 'GSI2SK', type: 'string' },
    },
    GSI3: {
      type: 'global',
      partitionKey: { name: 'GSI3PK', type: 'string' },
      sortKey: { name: 'GSI3SK', type: 'string' },
    },
  },
  entityAttributeSavedAs: '_et',
  documentClient,
});

export const keys = {
  user: (userId: string) => `USER#${userId}`,
  community: (communityId: string) => `C#${communityId}`,
  unitPartition: (communityId: string, unitId: string) => `C#${communityId}#UNIT#${unitId}`,
};
