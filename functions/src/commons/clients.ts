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

// The SDK's logger middleware builds a redacted copy of every input and output for its logger, which
// is a no-op here: 4–5 % of the API's CPU went to copies nobody read.
dynamoClient.middlewareStack.remove('loggerMiddleware');

// Counts each call as it goes on the wire: the deserialize step runs once per attempt, inside the retries.
dynamoClient.middlewareStack.add(
  (next, context) => async (args) => {
    const name = context.commandName ?? 'Unknown';
    countDbCommand(name);
    const result = await next(args);
    // This runs inside the deserializer, on the raw answer: a refused write (a cancelled transaction, a
    // failed condition: HTTP 400) wrote nothing, so only a 2xx notes its keys.
    const status = (result.response as { statusCode?: number } | undefined)?.statusCode;
    if (status === undefined || status < 300) noteDbWrite(name, args.input);
    return result;
  },
  { step: 'deserialize', name: 'linliCountDbOps' },
);

export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});
