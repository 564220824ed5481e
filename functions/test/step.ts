/**
 * One step of a journey that later tests build on (a poll opened, then voted in, then closed). The step
 * runs once, after the steps it awaits, whichever test asks for it first: the tests keep their own
 * names and failures, and the journey holds in any order (`npm test -- unit --randomize`, `-- api --randomize`).
 */
export function step<T>(run: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= run());
}
