// The import-boundary check of `npm test -- lint`: dependency-cruiser with the rules in .dependency-cruiser.cjs
// over every workspace. Fails on any violation (there is no allow-list: the last pending entries went when the
// branches that removed them landed).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractWebpackResolveConfig from 'dependency-cruiser/config-utl/extract-webpack-resolve-config';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(root);
const require = createRequire(import.meta.url);
const config = require(join(root, '.dependency-cruiser.cjs'));

const SOURCES = [
  'shared/src',
  'functions/src',
  'functions/test',
  'devstack',
  'miniapp/src',
  'miniapp/test',
  'e2e',
  'scripts',
];

const started = Date.now();
// The API, unlike the depcruise CLI, does not read options.webpackConfig (the mini-program's aliases) itself.
const { webpackConfig, ...options } = config.options;
const resolveOptions = await extractWebpackResolveConfig(join(root, webpackConfig.fileName));
const { output } = await cruise(
  SOURCES,
  { ...options, validate: true, ruleSet: { forbidden: config.forbidden } },
  resolveOptions,
);
const violations = output.summary.violations.map((v) => ({
  rule: v.rule.name,
  from: v.from,
  to: v.to,
  cycle: v.cycle?.map((step) => (typeof step === 'string' ? step : step.name)),
}));

const modules = output.summary.totalCruised;
const seconds = ((Date.now() - started) / 1000).toFixed(1);
for (const v of violations) {
  const rule = config.forbidden.find((r) => r.name === v.rule);
  console.error(`✖ ${v.rule}: ${v.from} → ${v.to}${v.cycle ? `\n    cycle: ${v.cycle.join(' → ')}` : ''}`);
  if (rule?.comment) console.error(`    ${rule.comment}`);
}
console.log(`boundaries: ${modules} modules, ${violations.length} violation(s), ${seconds} s`);
process.exit(violations.length ? 1 : 0);
