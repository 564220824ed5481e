import type { RunningStack } from '../devstack/stack';
import { summarise } from './accessibility/report';

export default async function teardown(): Promise<void> {
  await (globalThis as { __linliStack?: RunningStack }).__linliStack?.stop();
  const summary = process.env.LINLI_A11Y_DIR && summarise(process.env.LINLI_A11Y_DIR);
  if (summary) console.log(`\nAccessibility (axe-core + 适老化), test-results/accessibility/summary.md:\n${summary}\n`);
}
