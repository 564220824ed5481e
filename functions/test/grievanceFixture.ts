import { addHours, grantKey, type Relation, type Role } from '@linli/shared';
import { buildings } from '../src/db/entities/building';
import { communities } from '../src/db/entities/community';
import { grids } from '../src/db/entities/grid';
import { units } from '../src/db/entities/unit';
import { membershipKey, users, type UserItem } from '../src/db/entities/user';
import type { ContentChecker } from '../src/grievances/contentCheck';
import { submitGrievance, type SubmitInput } from '../src/grievances/submit';
import type { Caller } from '../src/grievances/requests';
import { principalOf } from '../src/identity/principal';

/**
 * A small community for service tests: two grids, a building in each, three units, and one person
 * per role. Written straight through the entities (the roster import has its own tests).
 */
export const C = 'c1';
export const OTHER = 'c2';
export const T0 = new Date('2026-11-02T02:00:00.000Z');
export const hoursLater = (h: number, from = T0) => addHours(from, h);

type Person = {
  userId: string;
  nickname: string;
  grants?: { role: Role; communityId?: string; gridId?: string }[];
  unit?: { unitId: string; relation: Relation };
};

const UNITS = {
  u1: { buildingId: 'b1', gridId: 'g1', label: '1栋101' },
  u2: { buildingId: 'b1', gridId: 'g1', label: '1栋102' },
  u3: { buildingId: 'b2', gridId: 'g2', label: '2栋101' },
} as const;

export const PEOPLE = {
  wang: {
    userId: 'wang',
    nickname: '王阿姨',
    grants: [{ role: 'resident' }],
    unit: { unitId: 'u1', relation: 'owner' },
  },
  wangFamily: {
    userId: 'wangFamily',
    nickname: '王小雨',
    grants: [{ role: 'resident' }],
    unit: { unitId: 'u1', relation: 'family' },
  },
  li: { userId: 'li', nickname: '小李', grants: [{ role: 'resident' }], unit: { unitId: 'u3', relation: 'tenant' } },
  liu: { userId: 'liu', nickname: '刘网格员', grants: [{ role: 'gridWorker', gridId: 'g1' }] },
  zhao: { userId: 'zhao', nickname: '赵网格员', grants: [{ role: 'gridWorker', gridId: 'g2' }] },
  sun: { userId: 'sun', nickname: '孙主任', grants: [{ role: 'committee' }] },
  zhou: { userId: 'zhou', nickname: '周科长', grants: [{ role: 'street' }] },
  wu: { userId: 'wu', nickname: '吴主任', grants: [{ role: 'committee', communityId: OTHER }] },
} satisfies Record<string, Person>;
export type PersonKey = keyof typeof PEOPLE;

function userOf(p: Person): UserItem {
  const u = p.unit ? { ...UNITS[p.unit.unitId as keyof typeof UNITS], unitId: p.unit.unitId } : undefined;
  return {
    userId: p.userId,
    openid: `openid-${p.userId}`,
    nickname: p.nickname,
    largeText: false,
    status: 'active',
    createdAt: T0.toISOString(),
    grants: Object.fromEntries(
      (p.grants ?? []).map((g) => {
        const grant = { role: g.role, communityId: g.communityId ?? C, ...(g.gridId ? { gridId: g.gridId } : {}) };
        return [grantKey(grant), grant];
      }),
    ),
    memberships: u
      ? {
          [membershipKey(C, u.unitId)]: {
            communityId: C,
            unitId: u.unitId,
            buildingId: u.buildingId,
            gridId: u.gridId,
            relation: p.unit!.relation,
            since: T0.toISOString(),
            unitLabel: u.label,
            communityName: '幸福里',
          },
        }
      : {},
  } as UserItem;
}

export async function seedCommunity(): Promise<void> {
  await communities.put({ communityId: C, name: '幸福里', district: '鼓楼区', street: '东街街道' });
  await communities.put({ communityId: OTHER, name: '西园', district: '鼓楼区', street: '东街街道' });
  await grids.put({ communityId: C, gridId: 'g1', name: '第一网格' });
  await grids.put({ communityId: C, gridId: 'g2', name: '第二网格' });
  await buildings.put({ communityId: C, buildingId: 'b1', name: '1栋', gridId: 'g1' });
  await buildings.put({ communityId: C, buildingId: 'b2', name: '2栋', gridId: 'g2' });
  for (const [unitId, u] of Object.entries(UNITS))
    await units.put({
      communityId: C,
      unitId,
      buildingId: u.buildingId,
      buildingName: u.buildingId === 'b1' ? '1栋' : '2栋',
      gridId: u.gridId,
      room: u.label.slice(-3),
      floor: 1,
      area: 80,
      label: u.label,
    });
  for (const p of Object.values(PEOPLE)) await users.put(userOf(p));
}

export const caller = (who: PersonKey): Caller => {
  const user = userOf(PEOPLE[who]);
  return { principal: principalOf(user), user };
};

/** WeChat's content check, scripted: 赌博 is risky, 加微信 needs review, images record their trace ids. */
export function fakeChecker(): ContentChecker & { images: string[] } {
  const images: string[] = [];
  return {
    images,
    async checkText({ text }) {
      if (text.includes('赌博')) return 'risky';
      if (text.includes('加微信')) return 'review';
      return 'pass';
    },
    async startImageCheck({ url }) {
      images.push(url);
      return `trace-${images.length}`;
    },
  };
}

let counter = 0;
export function request(overrides: Partial<SubmitInput> = {}): SubmitInput {
  counter += 1;
  return {
    clientRequestId: `req${counter}${Math.random().toString(36).slice(2, 8)}`,
    category: 'repair',
    description: '楼道灯不亮，晚上很黑',
    photos: [],
    location: { kind: 'building', buildingId: 'b1' },
    urgency: 'normal',
    visibility: 'public',
    anonymous: false,
    source: 'resident',
    ...overrides,
  };
}

export const submitAs = (who: PersonKey, overrides: Partial<SubmitInput> = {}, now = T0, checker = fakeChecker()) =>
  submitGrievance({ caller: caller(who), communityId: C, input: request(overrides), now }, { checker });

/** A notification intent as the 诉求 tests read it back from the table. */
export type Intent = {
  event: string;
  recipientId?: string;
  audience?: { kind: string; roles?: string[] };
  link: string;
};

/** `gridWorker`, `committee`, `street`: the staff an audience intent is addressed to. */
export const staffOf = (audience: Intent['audience']) => audience?.roles?.join('+') ?? audience?.kind;
