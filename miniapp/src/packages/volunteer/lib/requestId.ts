/**
 * One id per user action (a donation, a redemption, a restock), made when the form opens and sent
 * with every retry of it, so the server posts the action once however often it arrives.
 */
export function newRequestId(): string {
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
