/**
 * A runner for processGroups.test.ts: starts DynamoDB Local as every test run does, says its PID and
 * port on stdout, and waits to be interrupted.
 */
import { startDynamoLocal } from './dynamodb';
import { freePort } from './ports';

void (async () => {
  const db = await startDynamoLocal({ port: await freePort(), quiet: true });
  process.stdout.write(`${JSON.stringify({ pid: db.process.pid, port: db.port })}\n`);
  setInterval(() => undefined, 1 << 30);
})();
