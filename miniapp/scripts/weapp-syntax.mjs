// Checks that every JS file of the weapp build parses as what WeChat's engines run (config/weappTargets.js:
// iOS 12's JavaScriptCore, Chrome 66's V8, the Mac client's Safari 10). WeChat's devtools no longer transpile our output
// (project.config.json: es6/enhance off), so syntax babel did not lower (a node_modules package left out of
// mini.compile.include, say, with ?. or ??) would be a SyntaxError on phones, not in the devtools.
// ES2017 is the common ground of the three (Safari 10 lacks object spread and optional catch binding);
// regex lookbehind parses as ES2018 but needs iOS 16.4.
// Run after `npm run build:weapp`: node scripts/weapp-syntax.mjs
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// acorn is webpack's parser; take it from webpack rather than declaring it a dependency of our own.
const require = createRequire(import.meta.url);
const acorn = createRequire(require.resolve('webpack'))('acorn');

const dist = fileURLToPath(new URL('../dist/weapp', import.meta.url));
const ECMA_VERSION = 2017;

const problems = [];
let files = 0;
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.js')) check(path);
  }
})(dist);

function check(path) {
  files += 1;
  const rel = relative(dist, path);
  const source = readFileSync(path, 'utf8');
  try {
    acorn.parse(source, {
      ecmaVersion: ECMA_VERSION,
      sourceType: 'script',
      allowHashBang: false,
      onToken(token) {
        if (token.type === acorn.tokTypes.regexp && /\(\?<[=!]/.test(token.value.pattern)) {
          problems.push(
            `${rel}:${token.start}: regex lookbehind /${token.value.pattern}/ (JavaScriptCore before iOS 16.4)`,
          );
        }
      },
    });
  } catch (e) {
    const at = e.pos === undefined ? '' : ` near ${JSON.stringify(source.slice(Math.max(0, e.pos - 40), e.pos + 40))}`;
    problems.push(`${rel}: not ES${ECMA_VERSION}: ${e.message}${at}`);
  }
}

for (const p of problems) console.error(p);
console.log(
  `${files} JS files, ${problems.length ? `${problems.length} problem(s)` : `all parse as ES${ECMA_VERSION}`}`,
);
process.exit(problems.length ? 1 : 0);
