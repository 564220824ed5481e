import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from './config';
import { countDbCommand, noteDbWrite } from './requestContext';

// Clients are created once per Lambda container (module scope) and reused across invocations.
const local = config.dynamoEndpoint !== undefined;

export const dynamoClient = new DynamoDBClient({
  region: config.region,
  ...(local
    ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {}),
  maxAttempts: 3,
});

dynamoClient.middlewareStack.add(
  (next, context) => async (args) => {
    const name = context.commandName ?? 'Unknown';
    countDbCommand(name);
    const result = await next(args);
    noteDbWrite(name, args.input);
    return result;
  },
  { step: 'initialize', name: 'linliCountDbOps' },
);

export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});
