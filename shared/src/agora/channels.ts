import type { Role } from '../identity/roles';

// Plain constants of 议事厅 ballots, apart from the route contracts: entities and domain code import them
// without pulling every agora route schema (~12 KB and zod) into Lambdas that serve no agora route.

/** Who records paper ballots for households without a smartphone (代录): 楼长, 网格员 and the committee. */
export const PAPER_RECORDERS: readonly Role[] = ['buildingHead', 'gridWorker', 'committee', 'admin'];
export const MAX_OPTIONS = 20;
/** How a ballot reached the box: the voter's phone, a recorded paper ballot, or an owner's 书面委托 proxy. */
export const VOTE_CHANNELS = ['online', 'paper', 'proxy'] as const;
export type VoteChannel = (typeof VOTE_CHANNELS)[number];
export const PAPER_PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export const PAPER_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
