/*
 * 民生微实事's limits, apart from the route contracts: the services and the mini-program's photo picker
 * read them, and a constant imported from contracts.ts keeps every schema of it in the bundle.
 */

export const BUDGET_PHOTO_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type BudgetPhotoType = keyof typeof BUDGET_PHOTO_TYPES;
export const BUDGET_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const MAX_PROJECT_PHOTOS = 6;
/** Duplicates merged into a project in one call: the merge is one transaction of at most 10 writes. */
export const MAX_MERGE = 8;
