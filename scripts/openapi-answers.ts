// `npm run openapi-answers`: what each route's handler code can answer, read from the code, beside what
// its contract declares (answersOf). Follows every function a route handler calls inside functions/src
// (through the TypeScript checker) and collects the errors it can throw: conflict(…, code), notFound,
// forbidden, badRequest, unauthenticated, new ApiError(status, code), and DynamoDB condition writes
// (the pipeline answers a failed condition with 409 CONFLICT). Reachable is not certain, so this lists
// candidates for a person to judge; the api tier's undocumented-status check is the proof.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { API, answersOf, type RouteContract } from '@linli/shared';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'functions', 'src');

const config = ts.getParsedCommandLineOfConfigFile(
  join(ROOT, 'functions', 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  },
)!;
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
const checker = program.getTypeChecker();

type Found = Map<number, Set<string>>;
const add = (found: Found, status: number, code: string) => {
  const set = found.get(status) ?? new Set();
  set.add(code);
  found.set(status, set);
};

const HELPERS: Record<string, [number, string]> = {
  notFound: [404, 'NOT_FOUND'],
  forbidden: [403, 'FORBIDDEN'],
  badRequest: [400, 'VALIDATION'],
  unauthenticated: [401, 'UNAUTHENTICATED'],
};

function declarationOf(expr: ts.Expression): ts.Node | undefined {
  let symbol = checker.getSymbolAtLocation(expr);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const decl = symbol?.declarations?.[0];
  if (!decl || !decl.getSourceFile().fileName.startsWith(SRC)) return undefined;
  if (decl.getSourceFile().fileName.includes('/http/')) return undefined; // the pipeline itself
  if (ts.isVariableDeclaration(decl) && decl.initializer) return decl.initializer;
  return decl;
}

function scan(node: ts.Node, found: Found, seen: Set<ts.Node>): void {
  if (seen.has(node)) return;
  seen.add(node);
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const callee = n.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : '';
      const args = n.arguments ?? ts.factory.createNodeArray();
      if (name === 'conflict') {
        const code = args[1] && ts.isStringLiteral(args[1]) ? args[1].text : 'CONFLICT';
        add(found, 409, code);
      } else if (Object.hasOwn(HELPERS, name)) add(found, ...HELPERS[name]!);
      else if (name === 'ApiError' && args[0] && ts.isNumericLiteral(args[0])) {
        add(found, Number(args[0].text), args[1] && ts.isStringLiteral(args[1]) ? args[1].text : '?');
      } else if (name === 'isConditionFailure' || name === 'failedWrites') {
        // handled: the caller decides (usually rethrows as conflict, counted above)
      } else {
        const decl = declarationOf(callee);
        if (decl) scan(decl, found, seen);
      }
    }
    // A conditional write the code does not catch becomes the pipeline's 409 CONFLICT.
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'condition')
      add(found, 409, 'CONFLICT?');
    ts.forEachChild(n, visit);
  };
  visit(node);
}

function handlersOf(file: string): Map<string, Found> {
  const source = program.getSourceFile(file)!;
  const out = new Map<string, Found>();
  const visit = (n: ts.Node) => {
    if (ts.isObjectLiteralExpression(n) && n.properties.length >= 1) {
      for (const prop of n.properties) {
        if (!ts.isPropertyAssignment(prop) || !ts.isIdentifier(prop.name)) continue;
        const found: Found = new Map();
        scan(prop.initializer, found, new Set());
        out.set(prop.name.text, found);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return out;
}

const HANDLER_FILES: Record<keyof typeof API, string> = {
  identity: 'identity/handler.ts',
  personalData: 'identity/personalDataHandler.ts',
  roster: 'roster/handler.ts',
  rosterTransfer: 'roster/transfer/handler.ts',
  notifications: 'notifications/handler.ts',
  grievances: 'grievances/handler.ts',
  grievanceSteps: 'grievances/stepHandler.ts',
  grievanceOversight: 'grievances/oversightHandler.ts',
  grievanceLedger: 'grievances/ledger/handler.ts',
  contentCheck: 'moderation/handler.ts',
  moderation: 'moderation/reportsHandler.ts',
  volunteer: 'volunteer/handler.ts',
  timebank: 'timebank/handler.ts',
  timebankStreet: 'timebank/streetHandler.ts',
  timebankExport: 'timebank/export/handler.ts',
  agora: 'agora/handler.ts',
  agoraPolls: 'agora/pollsHandler.ts',
  agoraComments: 'agora/commentsHandler.ts',
  agoraSchedule: 'agora/scheduleHandler.ts',
  agoraVoting: 'agora/votingHandler.ts',
  agoraArchive: 'agora/archive/handler.ts',
  ownerProxies: 'agora/ownerProxies/handler.ts',
  budget: 'budget/handler.ts',
  budgetProjects: 'budget/projectsHandler.ts',
  budgetDelivery: 'budget/deliveryHandler.ts',
  home: 'home/handler.ts',
  proxy: 'proxy/handler.ts',
  public: 'public/handler.ts',
  streets: 'streets/handler.ts',
  ownerRegistry: 'ownerRegistry/handler.ts',
  streetConsole: 'streets/console/handler.ts',
  streetWide: 'streets/streetWideHandler.ts',
  streetAgora: 'streets/streetAgoraHandler.ts',
};

const fmt = (found: Found) =>
  [...found]
    .sort(([a], [b]) => a - b)
    .map(([s, codes]) => `${s}[${[...codes].join(',')}]`)
    .join(' ');

/** What the code can answer, per route id (a `?` marks a condition write the pipeline would answer 409 for). */
export function answersInCode(): Map<string, Found> {
  const out = new Map<string, Found>();
  for (const [group, file] of Object.entries(HANDLER_FILES) as [keyof typeof API, string][]) {
    const handlers = handlersOf(join(SRC, file));
    for (const [name, route] of Object.entries(API[group]) as [string, RouteContract][]) {
      const found = handlers.get(name);
      if (!found) throw new Error(`${route.id}: no handler named ${name} in ${file}`);
      out.set(route.id, found);
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const inCode = answersInCode();
  let differences = 0;
  for (const route of Object.values(API).flatMap((g) => Object.values(g) as RouteContract[])) {
    const found = inCode.get(route.id)!;
    const declared = new Map(answersOf(route).map((a) => [a.status, new Set(a.codes)]));
    const missing = [...found].filter(
      ([s, codes]) => !declared.has(s) || [...codes].some((c) => !c.endsWith('?') && !declared.get(s)!.has(c)),
    );
    if (process.argv.includes('--json')) continue;
    if (missing.length) {
      differences++;
      console.log(`${route.id.padEnd(36)} code: ${fmt(found)}\n${''.padEnd(36)} undeclared: ${fmt(new Map(missing))}`);
    }
  }
  if (process.argv.includes('--json'))
    console.log(
      JSON.stringify(
        Object.fromEntries([...inCode].map(([id, f]) => [id, Object.fromEntries([...f].map(([s, c]) => [s, [...c]]))])),
      ),
    );
  else console.log(`${differences} routes whose code can answer what the contract does not declare`);
}
