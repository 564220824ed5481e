import { audienceSchema, isWholeCommunity, type Audience, type Scope } from '@linli/shared';
import { buildings } from '../db/entities/building';
import { outermostSlices, type MemberSlice, type MembershipItem } from '../db/entities/membership';
import { units } from '../db/entities/unit';
import { households } from '../db/registries/households';
import { roster } from '../db/registries/roster';

/** One page of an audience: recipients' user ids, and where the next page starts (none at the end). */
export interface AudiencePage {
  userIds: string[];
  /** Membership rows behind the page (scope audiences only), for counting households. */
  members?: MembershipItem[];
  nextCursor?: string;
}

/** An audience that names something that does not exist (a building of another community, a typo). */
export class UnknownScopeError extends Error {
  constructor(
    readonly field: 'gridIds' | 'buildingIds' | 'unitIds',
    readonly unknownId: string,
  ) {
    super(`unknown ${field} ${unknownId}`);
    this.name = 'UnknownScopeError';
  }
}

/** An audience kind nobody provides (yet): the intent is parked with this reason. */
export class UnsupportedAudienceError extends Error {
  constructor(kind: string) {
    super(`no provider for audience kind ${kind}`);
    this.name = 'UnsupportedAudienceError';
  }
}

// ─── Feature audiences ─────────────────────────────────────────────────────────────────────────────────
// Audiences whose members another feature knows. Each feature defines its providers next to its own data
// (agora/audiences.ts, volunteer/audiences.ts) and the Lambdas that dispatch install them through
// provideAudiences (the composition root is featureAudiences.ts), so this file imports no feature. Each
// provider returns everyone in the audience; the dispatcher pages through them by user id, so members
// dropping out between pages (a vote cast while "closing in 24 h" goes out) are simply not reached, and
// nobody is reached twice.
export type FeatureAudienceProvider<A> = (communityId: string, audience: A) => Promise<Iterable<string>>;

/** The audience kinds another feature provides (everything but roster scopes and staff). */
export type FeatureAudienceKind = Exclude<Audience['kind'], 'scope' | 'staff'>;

export type FeatureAudiences = {
  [K in FeatureAudienceKind]?: FeatureAudienceProvider<Extract<Audience, { kind: K }>>;
};

/** The providers installed in this container. Mutable so a test can take a provider away (an intent for an unprovided audience is parked). */
export const featureAudiences: FeatureAudiences = {};

/** Installs features' audience providers (at a dispatching Lambda's start; in tests, before dispatching). */
export function provideAudiences(providers: FeatureAudiences): void {
  Object.assign(featureAudiences, providers);
}
// ───────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * One page of recipients of an audience in a community: bound residents of a scope (the members
 * index, one slice per grid/building/unit named), staff holding roles, or a feature's
 * audience. `cursor` is the previous page's `nextCursor`.
 */
export async function expandAudience({
  communityId,
  audience,
  cursor,
  limit = 250,
}: {
  communityId: string;
  audience: Audience;
  /** The previous page's `nextCursor`. */
  cursor: string | undefined;
  limit?: number;
}): Promise<AudiencePage> {
  const parsed = audienceSchema.parse(audience);
  switch (parsed.kind) {
    case 'scope':
      return scopePage(communityId, parsed.scope, cursor, limit);
    case 'staff':
      return staffOf(communityId, parsed);
    case 'topicNonVoters':
    case 'activityVolunteers': {
      const provider = featureAudiences[parsed.kind] as FeatureAudienceProvider<typeof parsed> | undefined;
      if (!provider) throw new UnsupportedAudienceError(parsed.kind);
      return pageOfIds(await provider(communityId, parsed), cursor, limit);
    }
  }
}

/** Every recipient of an audience, page after page (previews, tests). */
export async function* allRecipients(communityId: string, audience: Audience): AsyncGenerator<AudiencePage> {
  let cursor: string | undefined;
  do {
    const page = await expandAudience({ communityId, audience, cursor });
    yield page;
    cursor = page.nextCursor;
  } while (cursor);
}

/** The slices of the members index a scope covers, resolved against the roster (unknown ids are refused). */
export async function scopeSlices(communityId: string, scope: Scope): Promise<MemberSlice[]> {
  if (isWholeCommunity(scope)) return [{}];
  const slices: MemberSlice[] = (scope.gridIds ?? []).map((gridId) => ({ gridId }));
  const buildingItems = await Promise.all(
    (scope.buildingIds ?? []).map((buildingId) => buildings.get({ communityId, buildingId })),
  );
  buildingItems.forEach(({ Item }, i) => {
    if (!Item) throw new UnknownScopeError('buildingIds', scope.buildingIds![i]!);
    slices.push({ gridId: Item.gridId, buildingId: Item.buildingId });
  });
  const unitItems = await Promise.all((scope.unitIds ?? []).map((unitId) => units.get({ communityId, unitId })));
  unitItems.forEach(({ Item }, i) => {
    if (!Item) throw new UnknownScopeError('unitIds', scope.unitIds![i]!);
    slices.push({ gridId: Item.gridId, buildingId: Item.buildingId, unitId: Item.unitId });
  });
  // A building inside a named grid is already covered by the grid's range.
  return outermostSlices(slices);
}

interface ScopeCursor {
  part: number;
  key?: Record<string, string>;
}

async function scopePage(
  communityId: string,
  scope: Scope,
  cursor: string | undefined,
  limit: number,
): Promise<AudiencePage> {
  const slices = await scopeSlices(communityId, scope);
  const at: ScopeCursor = cursor
    ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as ScopeCursor)
    : { part: 0 };
  const slice = slices[at.part];
  if (slice === undefined) return { userIds: [], members: [] };
  const { Items = [], LastEvaluatedKey } = await households.query
    .members({ communityId, ...slice, page: { limit, start: at.key } })
    .send();
  const next: ScopeCursor | undefined = LastEvaluatedKey
    ? { part: at.part, key: LastEvaluatedKey as Record<string, string> }
    : at.part + 1 < slices.length
      ? { part: at.part + 1 }
      : undefined;
  return {
    userIds: [...new Set(Items.map((m) => m.userId))],
    members: Items,
    nextCursor: next ? Buffer.from(JSON.stringify(next)).toString('base64url') : undefined,
  };
}

async function staffOf(communityId: string, audience: Extract<Audience, { kind: 'staff' }>): Promise<AudiencePage> {
  const { Items = [] } = await roster.query.staff({ communityId }).send();
  const chosen = Items.filter(
    (a) =>
      (audience.roles as readonly string[]).includes(a.role) &&
      (!audience.gridId || a.gridId === audience.gridId) &&
      (!audience.buildingId || a.buildingId === audience.buildingId),
  );
  return { userIds: [...new Set(chosen.map((a) => a.userId))] };
}

/** Pages a provider's whole list by user id, so the cursor survives the list changing between pages. */
function pageOfIds(ids: Iterable<string>, cursor: string | undefined, limit: number): AudiencePage {
  const after = cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const sorted = [...new Set(ids)].filter((id) => id > after).sort();
  const userIds = sorted.slice(0, limit);
  const last = userIds[userIds.length - 1];
  return { userIds, nextCursor: sorted.length > limit && last ? Buffer.from(last).toString('base64url') : undefined };
}
