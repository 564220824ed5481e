// Import boundaries, checked by `npm test -- lint` (scripts/lint/boundaries.mjs) over shared/, functions/,
// devstack/, miniapp/, e2e/ and scripts/. docs/DEVELOPING.md "Boundaries" explains each rule and each seam;
// change the two together. Violations other branches are removing are listed, and only listed, in
// scripts/lint/pending-boundary-violations.cjs.

/** Feature folders of the backend; the rest of functions/src is infrastructure (commons, db, http, wechat, media). */
const FEATURES =
  'agora|grievances|home|households|identity|moderation|notifications|projections|proxy|public|roster|timebank|volunteer';
const INFRASTRUCTURE = 'commons|db|http|wechat|media';
/** Domains of shared/src; `contracts/` (the kernel) and `validation/` are floors every domain stands on. */
const DOMAINS = 'agora|grievances|home|identity|moderation|notifications|proxy|public|roster|timebank|volunteer';

/**
 * Seams: the files of a feature other features may import (each is documented in docs/DEVELOPING.md).
 * Anything else in a feature folder is its own business.
 */
const FUNCTION_SEAMS = [
  'notifications/outbox\\.ts', // notificationIntent(): a feature's notification, written in its own transaction
  'notifications/audiences\\.ts', // FeatureAudiences: a feature says who is in the audiences it names
  'identity/personalData\\.ts', // PersonalDataSection: a feature's part of 导出我的数据 / 注销账号
  'identity/users\\.ts', // loadUsers(): names and profiles of users
  'identity/principal\\.ts', // principalOf(): who is asking, from the User item
  'identity/sessions\\.ts', // loadCaller(): the caller and their session in one read; endSessions() (role revocation)
  'households/directory\\.ts', // the residents of a unit or building
  'households/bindings\\.ts', // binding requests: the identity Lambda serves a resident's, the roster Lambda a reviewer's
  'grievances/topicLink\\.ts', // a 议题 raised from a 诉求
  'grievances/review\\.ts', // image verdicts (moderation's WeChat push) land in 人工复核
  'grievances/access\\.ts', // who sees a case: moderation lets a resident report only a 诉求 she can see
  'moderation/held\\.ts', // content WeChat's check holds joins the 内容审核 queue in the write that stores it
  'roster/transfer/sheetFiles\\.ts', // spreadsheet files for every 台账 export
  'timebank/ledger/posting\\.ts', // executePosting(): a posting on the points ledger (hours credited)
  'timebank/accounts\\.ts', // residents' points accounts (a team leader named by account code)
  'volunteer/recognition\\.ts', // statsWrites(): a reversal of credited hours moves the 光荣榜 totals back
  '(agora|grievances|notifications|timebank|volunteer)/waiting\\.ts', // a feature's items in 待我处理 (home/)
  'proxy/acting\\.ts', // 亲情代办: the pipeline runs a request as the resident and records what was done in her name
  '(agora|grievances|notifications)/public\\.ts', // a feature's part of 社区公开信息 before sign-in (public/)
].map((seam) => `^functions/src/${seam}$`);

/** Composition roots: the named places that put several features together. */
const COMPOSITION_ROOTS = [
  '^functions/src/identity/personalDataSections\\.ts$', // every feature's personal-data section
  '^functions/src/notifications/featureAudiences\\.ts$', // every feature's notification audiences
];

const SHARED_SEAMS = [
  '^shared/src/identity/roles\\.ts$', // roles: every contract's access rule names them
  '^shared/src/identity/contracts\\.ts$', // the binding view roster's review queue answers with
  '^shared/src/volunteer/rules\\.ts$', // PARTICIPANTS: the time bank's contracts list activities by it
];

const TESTS = '\\.test\\.tsx?$|/test/|\\.e2e\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'resolvable',
      comment: 'Every import resolves (an import the checker cannot follow is a boundary it cannot see).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only imports included: a cycle is a layer that climbs back up.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-pure',
      comment:
        'shared/ runs in the Lambdas and in the mini-program: it imports only itself and zod (no AWS SDK, no Taro, no React, no Node built-ins).',
      severity: 'error',
      from: { path: '^shared/src/', pathNot: TESTS },
      to: { pathNot: ['^shared/src/', '^node_modules/zod/'] },
    },
    {
      name: 'contract-kernel-is-a-floor',
      comment:
        'shared/src/contracts/ (defineRoute, access, errors) is imported by every domain, so it imports no domain (roles and validation messages aside).',
      severity: 'error',
      from: { path: '^shared/src/contracts/' },
      to: {
        path: '^shared/src/',
        pathNot: ['^shared/src/contracts/', '^shared/src/validation/', '^shared/src/identity/roles\\.ts$'],
      },
    },
    {
      name: 'route-registry-is-a-roof',
      comment:
        'shared/src/api.ts imports every domain, so no domain imports it (nor the package index that re-exports it).',
      severity: 'error',
      from: { path: '^shared/src/', pathNot: '^shared/src/index\\.ts$' },
      to: { path: '^shared/src/(api|index)\\.ts$' },
    },
    {
      name: 'shared-domain-internals',
      comment:
        'A shared domain imports another domain only through a seam (identity/roles, the binding view, volunteer PARTICIPANTS).',
      severity: 'error',
      from: { path: `^shared/src/(${DOMAINS})/`, pathNot: TESTS },
      to: { path: `^shared/src/(${DOMAINS})/`, pathNot: ['^shared/src/$1/', ...SHARED_SEAMS] },
    },
    {
      name: 'functions-not-miniapp',
      comment: 'The backend and the mini-program share code only through shared/.',
      severity: 'error',
      from: { path: '^(functions|devstack)/' },
      to: { path: '^miniapp/' },
    },
    {
      name: 'miniapp-not-functions',
      comment:
        'The mini-program never imports the backend, the local stack or the AWS SDK; it talks HTTP through shared contracts.',
      severity: 'error',
      from: { path: '^miniapp/' },
      to: {
        path: [
          '^(functions|devstack|e2e|scripts)/',
          '^node_modules/(@aws-sdk|aws-lambda|dynamodb-toolbox|@aws-lambda-powertools)/',
        ],
      },
    },
    {
      name: 'commons-is-the-floor',
      comment: 'functions/src/commons/ (config, clients, logger, clock, ids) imports nothing else of functions/src.',
      severity: 'error',
      from: { path: '^functions/src/commons/' },
      to: { path: '^functions/src/', pathNot: '^functions/src/commons/' },
    },
    {
      name: 'db-imports-no-http',
      comment:
        'db/ (table, entities, transactions) sits below the HTTP pipeline: it throws its own errors, http/ maps them.',
      severity: 'error',
      from: { path: '^functions/src/db/' },
      to: { path: '^functions/src/http/' },
    },
    {
      name: 'infrastructure-imports-no-feature',
      comment: 'commons/, db/, http/, wechat/ and media/ serve every feature and import none (seams aside).',
      severity: 'error',
      from: { path: `^functions/src/(${INFRASTRUCTURE})/`, pathNot: TESTS },
      to: { path: `^functions/src/(${FEATURES})/`, pathNot: FUNCTION_SEAMS },
    },
    {
      name: 'feature-internals',
      comment:
        'A feature imports another feature only through a named seam (docs/DEVELOPING.md "Boundaries"); composition roots and tests may reach further.',
      severity: 'error',
      from: { path: `^functions/src/(${FEATURES})/`, pathNot: [TESTS, ...COMPOSITION_ROOTS] },
      to: { path: `^functions/src/(${FEATURES})/`, pathNot: ['^functions/src/$1/', ...FUNCTION_SEAMS] },
    },
    {
      name: 'production-imports-no-test-code',
      comment:
        'Lambdas, shared rules and the mini-program never load tests, fixtures, the local stack or the benchmarks.',
      severity: 'error',
      from: { path: '^(functions/src|shared/src|miniapp/src)/', pathNot: TESTS },
      to: { path: [TESTS, '^(devstack|e2e|scripts)/'] },
    },
    {
      name: 'subpackage-imports-no-page',
      comment:
        'A subpackage (miniapp/src/packages/*) takes shared widgets from components/, never from a main-package page folder.',
      severity: 'error',
      from: { path: '^miniapp/src/packages/', pathNot: TESTS },
      to: { path: '^miniapp/src/pages/' },
    },
    {
      name: 'page-imports-no-subpackage',
      comment: "The main package cannot load a subpackage's code on WeChat (subpackages load on first visit).",
      severity: 'error',
      from: { path: '^miniapp/src/', pathNot: ['^miniapp/src/packages/', TESTS] },
      to: { path: '^miniapp/src/packages/' },
    },
    {
      name: 'subpackages-are-independent',
      comment: "One subpackage cannot load another's code on WeChat.",
      severity: 'error',
      from: { path: '^miniapp/src/packages/([^/]+)/' },
      to: { path: '^miniapp/src/packages/', pathNot: '^miniapp/src/packages/$1/' },
    },
    {
      name: 'pages-are-independent',
      comment: 'A tab page takes what it shares with another page from components/, hooks/ or lib/.',
      severity: 'error',
      from: { path: '^miniapp/src/pages/([^/]+)/', pathNot: TESTS },
      to: { path: '^miniapp/src/pages/', pathNot: '^miniapp/src/pages/$1/' },
    },
    {
      name: 'app-parts-import-no-page',
      comment: 'components/, hooks/, lib/, api/, session/ and notifications/ serve every page and import none.',
      severity: 'error',
      from: { path: '^miniapp/src/(components|hooks|lib|api|session|notifications|config)/', pathNot: TESTS },
      to: { path: '^miniapp/src/(pages|packages)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Build output only: packages in node_modules stay in the graph (shared-is-pure looks at them), unfollowed.
    exclude: { path: '(^|/)(dist|coverage|\\.esbuild|\\.serverless)/' },
    // Type-only imports count: a type from a higher layer is still a dependency on it.
    tsPreCompilationDeps: true,
    // The `@/` alias of the mini-program.
    webpackConfig: { fileName: 'scripts/lint/resolve.webpack.cjs' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      // Taro picks `x.weapp.tsx` over `x.tsx` (tsconfig moduleSuffixes): resolve the weapp variant first.
      extensions: ['.weapp.ts', '.weapp.tsx', '.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
