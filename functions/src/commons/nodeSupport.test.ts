import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Lambda deploys on nodejs22.x while these machines, the local stack and CI run Node 20, so the code and the
 * packages it loads must run on both. `npm run package:check` loads every packaged bundle on Node 20; this
 * keeps what the bundles leave out (the AWS SDK, resolved from node_modules here and from the runtime on
 * AWS) and the toolchain's settings honest.
 */
const ROOT = join(__dirname, '..', '..', '..');
const LOCAL_NODE_MAJOR = 20;

/** Every installed copy of a package under `scope` (hoisted or nested), with its declared engines. */
function installed(scope: string): { name: string; version: string; node?: string }[] {
  const found: { name: string; version: string; node?: string }[] = [];
  const visit = (modules: string) => {
    let entries: string[];
    try {
      entries = readdirSync(modules);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry === scope) {
        for (const name of readdirSync(join(modules, entry))) {
          const dir = join(modules, entry, name);
          try {
            const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
            found.push({ name: pkg.name, version: pkg.version, node: pkg.engines?.node });
          } catch {
            continue;
          }
          visit(join(dir, 'node_modules'));
        }
      } else if (entry.startsWith('@')) {
        for (const name of readdirSync(join(modules, entry))) visit(join(modules, entry, name, 'node_modules'));
      } else if (!entry.startsWith('.')) {
        visit(join(modules, entry, 'node_modules'));
      }
    }
  };
  visit(join(ROOT, 'node_modules'));
  return found;
}

/** The lowest Node major an `engines.node` range admits (`>=20.0.0` → 20), or undefined when not that form. */
const minimumMajor = (range: string) => {
  const m = /^\s*>=\s*v?(\d+)(\.\d+){0,2}\s*$/.exec(range);
  return m ? Number(m[1]) : undefined;
};

describe('Node 20 locally, nodejs22.x on Lambda', () => {
  it.each(['@aws-sdk', '@smithy'])('every installed %s package still supports Node 20', (scope) => {
    const packages = installed(scope);
    expect(packages.length).toBeGreaterThan(0);
    const refusing = packages.filter((p) => {
      if (!p.node) return false;
      const major = minimumMajor(p.node);
      return major === undefined || major > LOCAL_NODE_MAJOR;
    });
    // A failure here means an install pulled a release that requires Node ≥ 22 (the SDK's announced change
    // for releases after early January 2027): keep the cap in functions/package.json below it.
    expect(refusing.map((p) => `${p.name}@${p.version} (node ${p.node})`)).toEqual([]);
  });

  it('the AWS SDK ranges in functions/package.json have an upper bound', () => {
    const deps: Record<string, string> = JSON.parse(
      readFileSync(join(ROOT, 'functions', 'package.json'), 'utf8'),
    ).dependencies;
    const sdk = Object.entries(deps).filter(([name]) => name.startsWith('@aws-sdk/'));
    expect(sdk.length).toBeGreaterThan(0);
    // `^3.x` would let a fresh lockfile take a Node-22-only release; a `<3.y` cap cannot.
    expect(sdk.filter(([, range]) => !/<\s*3\.\d+\.\d+\s*$/.test(range)).map(([name]) => name)).toEqual([]);
  });

  it('serverless.yml deploys nodejs22.x and bundles for that runtime', () => {
    const yml = readFileSync(join(ROOT, 'serverless.yml'), 'utf8');
    expect(/^ {2}runtime:\s*(\S+)/m.exec(yml)?.[1]).toBe('nodejs22.x');
    expect(/^ {4}target:\s*(\S+)/m.exec(yml)?.[1]).toBe('node22');
    // No function overrides the provider's runtime back to a deprecated one.
    expect(yml.match(/^ {4}runtime:/gm)).toBeNull();
  });

  it('the TypeScript library stays at what Node 20 implements (ES2023, @types/node 20)', () => {
    const base = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
    expect(base.compilerOptions.lib).toEqual(['ES2023']);
    const typesNode = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@types', 'node', 'package.json'), 'utf8'));
    expect(Number(typesNode.version.split('.')[0])).toBe(LOCAL_NODE_MAJOR);
    // The typecheck tier is the guard on the request path: these Node 22 APIs do not compile, so no service
    // can call one and then fail only on these machines. (If they ever compile, the directives below fail.)
    // @ts-expect-error Promise.withResolvers is ES2024 (Node 22)
    void Promise.withResolvers;
    // @ts-expect-error Object.groupBy is ES2024 (Node 21)
    void Object.groupBy;
    // @ts-expect-error Array.fromAsync is ESNext (Node 22)
    void Array.fromAsync;
  });
});
