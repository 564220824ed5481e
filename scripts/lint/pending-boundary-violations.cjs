// ┌────────────────────────────────────────────────────────────────────────────────────────────────────┐
// │ PENDING BOUNDARY VIOLATIONS: a list that only shrinks, then goes.                                    │
// │ Each entry is a violation another branch removes. The lint tier fails on a violation not listed      │
// │ here and on an entry that no longer occurs: when the owning branch lands, delete its entries (and,   │
// │ once empty, this file and its use in boundaries.mjs). Never add an entry to get a new import past    │
// │ the rules: fix the import, or name a seam in .dependency-cruiser.cjs and docs/DEVELOPING.md.         │
// └────────────────────────────────────────────────────────────────────────────────────────────────────┘
const PERFORMANCE_HELPER = 'request-path performance: the dev clock';
const MINIAPP_HELPER = 'mini-program hygiene: widgets shared with subpackages move to components/';

module.exports = [
  {
    owner: PERFORMANCE_HELPER,
    rule: 'commons-is-the-floor',
    from: 'functions/src/commons/devClock.ts',
    to: 'functions/src/db/entities/devSetting.ts',
  },
  ...[['packages/volunteer/pages/organise/index.tsx', 'pages/volunteer/index.scss']].map(([from, to]) => ({
    owner: MINIAPP_HELPER,
    rule: 'subpackage-imports-no-page',
    from: `miniapp/src/${from}`,
    to: `miniapp/src/${to}`,
  })),
];
