// `npm run stacktrace < trace.txt`: maps the frames of a deployed Lambda's stack trace (CloudWatch:
// `at fn (/var/task/functions/src/identity/handler.js:1:23456)`) back to the TypeScript sources, with the
// source maps `npm run package` kept in .serverless/sourcemaps/ (see scripts/esbuild-plugins.cjs). Use the maps
// of the release that logged the trace. Frames it cannot map are printed as they came.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mapsDir = process.env.LINLI_SOURCEMAPS ?? join(root, '.serverless', 'sourcemaps');
const maps = new Map();

function mapFor(bundle) {
  if (!maps.has(bundle)) {
    const file = join(mapsDir, `${bundle}.map`);
    maps.set(bundle, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined);
  }
  return maps.get(bundle);
}

const frame = /(\/var\/task\/|\.build\/)?((?:functions|shared)\/[\w/.-]+\.js):(\d+):(\d+)/;
const input = readFileSync(0, 'utf8');
for (const line of input.split('\n')) {
  const m = frame.exec(line);
  const map = m && mapFor(m[2]);
  // Stack traces count lines and columns from 1; the map from 0.
  const entry = map?.findEntry(Number(m[3]) - 1, Number(m[4]) - 1);
  if (!entry?.originalSource) {
    console.log(line);
    continue;
  }
  const source = relative(root, fileURLToPath(new URL(entry.originalSource, `file://${join(mapsDir, m[2])}`)));
  const at = `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  console.log(line.replace(m[0], entry.name ? `${at} (${entry.name})` : at));
}
