// Integration tests talk to DynamoDB Local on a shared 2-core machine: allow for its pace.
jest.setTimeout(30_000);
