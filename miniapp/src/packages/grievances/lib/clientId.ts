/**
 * An id the client makes once per form (or message), so a retried submit lands on the same record
 * on the server instead of making a second one.
 */
export function newClientId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
