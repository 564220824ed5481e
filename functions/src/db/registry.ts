import { Registry } from 'dynamodb-toolbox/table/actions/registry';
import { LinliTable } from './table';

/** An access pattern as a registry holds it: toolbox's entity or table `AccessPattern`. */
interface Pattern {
  query: (input: never) => unknown;
}

/**
 * A bounded context's named queries: a dynamodb-toolbox `Registry` of its access patterns, each
 * titled with its id in docs/DATA.md (`.meta({ title: 'A4' })`). Services call
 * `agora.query.topicsByBucket({ … })`; no service builds a key. The toolbox Registry type refuses
 * patterns whose `pattern()` returns options (a page, a filter), so this keeps each pattern's own
 * `query` type instead.
 */
export type ContextRegistry<P extends Record<string, Pattern>> = {
  /** The context's name: a pattern's code name in docs/DATA.md is `<name>.<pattern>`. */
  readonly name: string;
  readonly accessPatterns: P;
  readonly query: { [K in keyof P]: P[K]['query'] };
};

export function registry<P extends Record<string, Pattern>>(name: string, accessPatterns: P): ContextRegistry<P> {
  const built = LinliTable.build(Registry).registerAccessPatterns(accessPatterns as never);
  return Object.assign(built, { name }) as unknown as ContextRegistry<P>;
}

/** The `.meta({ title })` of a pattern (toolbox keeps it under a private symbol). */
export function patternTitle(pattern: object): string | undefined {
  const key = Object.getOwnPropertySymbols(pattern).find((s) => s.description === '$meta');
  return key ? (pattern as Record<symbol, { title?: string } | undefined>)[key]?.title : undefined;
}
