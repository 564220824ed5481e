/**
 * A stable, dependency-free 106-bit hash (two cyrb53 lanes) rendered in base 36. Used to derive
 * roster ids from a community's own labels, so re-importing the same sheet finds the same records.
 * Not for secrets.
 */
export function stableHash(input: string): string {
  return lane(input, 0x9e3779b9).padStart(11, '0') + lane(input, 0x85ebca6b).padStart(11, '0');
}

function lane(str: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
