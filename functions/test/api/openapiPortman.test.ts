import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_ROUTES } from '@linli/shared';
import { apiUrl, signIn } from './http';
import { NOT_SENT, PORTMAN_PERSONAS, portmanPlan, runPortman, type NewmanReport } from './portman';

/**
 * Portman's contract and variation tests, generated from docs/openapi.json and run by newman against the
 * local stack: every request gets the status this suite asked for, that status is one the document lists
 * for the operation, its body matches the document's schema for that status, and nothing answers 5xx.
 */
const document = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string }>>;
};

let report: NewmanReport;
let output: string;
const plan = portmanPlan(ALL_ROUTES);

/** The document as Portman gets it: every operation but those this suite must not send. */
function sendable() {
  const copy = JSON.parse(JSON.stringify(document)) as typeof document;
  for (const item of Object.values(copy.paths))
    for (const [method, op] of Object.entries(item)) if (NOT_SENT.has(op.operationId)) delete item[method];
  return copy;
}

beforeAll(async () => {
  const tokens = Object.fromEntries(await Promise.all(PORTMAN_PERSONAS.map(async (p) => [p, await signIn(p)])));
  ({ report, output } = await runPortman({ document: sendable(), baseUrl: apiUrl(), tokens, plan }));
}, 600_000);

it('sends every operation of the document but the caller’s own account deletion', () => {
  const operations = Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
  expect(operations.filter((id) => !plan.expected.has(id))).toEqual([...NOT_SENT]);
  const requests = [...plan.expected.values()].reduce((n, statuses) => n + statuses.length, 0);
  expect(report.run.stats.requests.total).toBe(requests);
});

it('passes every Portman check: documented status, content type, JSON body, schema, headers; no 5xx', () => {
  const failures = report.run.failures.map((f) => `${f.source?.name}: ${f.error.test ?? ''} ${f.error.message}`);
  if (failures.length) console.log(output.slice(-8000));
  expect(failures).toEqual([]);
  expect(report.run.stats.assertions.failed).toBe(0);
  expect(report.run.executions.filter((e) => (e.response?.code ?? 0) >= 500)).toEqual([]);
  // Portman's own checks and the two collection-wide ones each ran: a suite that asserts nothing cannot pass.
  expect(report.run.stats.assertions.total).toBeGreaterThan(report.run.stats.requests.total * 5);
});
