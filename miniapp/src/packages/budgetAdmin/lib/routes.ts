/** The committee's 民生微实事 pages (this subpackage); the 工作台 links to `rounds`. */
export const BUDGET_ADMIN = {
  rounds: '/packages/budgetAdmin/pages/rounds/index',
  open: '/packages/budgetAdmin/pages/open/index',
  round: '/packages/budgetAdmin/pages/round/index',
  project: '/packages/budgetAdmin/pages/project/index',
} as const;

/** A fresh id per user action, so the server recognises a retried tap. */
export const newRequestId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** A typed amount or percentage as the contract wants it: a number, or nothing (the API names the field). */
export const numberOrUndefined = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));
