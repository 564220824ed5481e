/**
 * The one table's physical shape. serverless.yml declares the same keys and indexes for AWS
 * (a test compares them); the local stack creates or migrates DynamoDB Local from this.
 */
export const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK'] as const;

export const GLOBAL_INDEXES = [
  { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  { name: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
] as const;

/** Items carrying this attribute (epoch seconds) are removed by DynamoDB TTL. */
export const TTL_ATTRIBUTE = 'ttl';
