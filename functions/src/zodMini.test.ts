/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The contracts are written in zod/mini, which the Lambdas and the mini-program both bundle. One import of
 * classic zod (`from 'zod'`) anywhere they reach pulls all of it back in (~95 KB per Lambda against ~30 KB, and
 * the same weight in the weapp main package). Tests and scripts may use what they like; shipped code may not.
 */
const ROOT = join(__dirname, '..', '..');
const SHIPPED = ['shared/src', 'functions/src', 'miniapp/src'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

test('shipped code imports zod/mini, never classic zod', () => {
  const classic = SHIPPED.flatMap((dir) => sources(join(ROOT, dir)))
    .filter((file) => /from\s+['"]zod(\/v4)?['"]/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file));
  expect(classic).toEqual([]);
});
