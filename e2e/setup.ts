import { launched } from './browser';
import { auditVisits } from './accessibility/audit';
import { takeVisits } from './accessibility/visits';

jest.setTimeout(120_000);

// Every page a journey showed is audited after it (axe-core, 适老化), once per route for residents and once for staff.
// LINLI_A11Y=off skips it while debugging a journey.
afterEach(async () => {
  const visits = takeVisits();
  const browser = launched();
  if (process.env.LINLI_A11Y === 'off' || !browser || !visits.length) return;
  await auditVisits(browser, visits);
}, 900_000);
