import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from './config';
import { countDbCommand } from './requestContext';

// Clients are created once per Lambda container (module scope) and reused across invocations.
const local = config.dynamoEndpoint !== undefined;

export const dynamoClient = new DynamoDBClient({
  region: config.region,
  ...(local
    ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {}),
  maxAttempts: 3,
});

// Counts each call as it goes on the wire: the deserialize step runs once per attempt, inside the retries.
dynamoClient.middlewareStack.add(
  (next, context) => async (args) => {
    countDbCommand(context.commandName ?? 'Unknown');
    return next(args);
  },
  { step: 'deserialize', name: 'linliCountDbOps' },
);

export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});
