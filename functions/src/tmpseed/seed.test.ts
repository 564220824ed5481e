import { useTestTable } from '../../test/testTable';
import { seedIfEmpty } from '../../../devstack/seed/seed';
import { roundsOf, projectsOf, resultOf } from '../budget/queries';
import { DEMO_COMMUNITY_ID } from '../../../devstack/seed/personas';

useTestTable();
jest.setTimeout(900_000);
it('seeds', async () => {
  const t = Date.now();
  await seedIfEmpty(new Date());
  console.log('seed ms', Date.now() - t);
  for (const r of await roundsOf(DEMO_COMMUNITY_ID)) {
    const ps = await projectsOf(DEMO_COMMUNITY_ID, r.roundId);
    const res = await resultOf(DEMO_COMMUNITY_ID, r.roundId);
    console.log(r.title, r.phase, JSON.stringify(r.phaseChanges.map((c) => [c.to, c.byName, c.at])), r.electorate, ps.map((p) => [p.title, p.status, p.cost, p.supportCount, p.progress, p.finished]), res?.selected, res && (res as any).ballots);
  }
});
