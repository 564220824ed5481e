import * as z from 'zod/mini';
import { defineRoute, page, roles } from '../contracts/http';
import { COMMITTEE, MEMBERS } from '../identity/roles';
import { cursor, id, pageLimit } from '../validation/fields';
import { zh } from '../validation/messages';
import { TOPIC_PHASES } from './phases';
import { VOTER_BASES } from './rules';

/*
 * The routes the 议事 tab page calls, apart from the rest of agoraRoutes (contracts.ts), which takes these
 * same objects at the same places. A mini-program's tab pages must be in its main package, and a module
 * is all-or-nothing there: defined beside the others, these would pull every 议事厅 contract into it.
 */

const communityParams = z.strictObject({ communityId: id('社区') });

export const basisSchema = z.enum(VOTER_BASES, zh('投票方式')).check(z.meta({ title: '投票方式' }));
const stageSchema = z.enum([
  'proposal',
  'queued',
  'declined',
  'deliberation',
  'upcoming',
  'voting',
  'counting',
  'published',
  'implementation',
]);

export const topicSummaryView = z.object({
  topicId: z.string(),
  title: z.string(),
  phase: z.enum(TOPIC_PHASES),
  stage: stageSchema,
  stageLabel: z.string(),
  origin: z.enum(['committee', 'proposal']),
  scopeText: z.string(),
  basis: z.optional(basisSchema),
  presetLabel: z.optional(z.string()),
  opensAt: z.optional(z.string()),
  closesAt: z.optional(z.string()),
  support: z.optional(z.object({ count: z.number(), threshold: z.number() })),
  turnout: z.optional(z.object({ heads: z.number(), total: z.number() })),
  inScope: z.boolean(),
  myStatus: z.enum(['none', 'canVote', 'voted']),
  openConflicts: z.number(),
  /** 举报与内容审核 (a resident's proposal): `hidden` 待复核, `removed` 已移除; only its proposer and the committee see it then. */
  moderation: z.optional(z.enum(['hidden', 'removed'])),
  /** 街道议事: this community's poll of a street-wide consultation, with the street's name. */
  street: z.optional(z.object({ name: z.string() })),
  createdAt: z.string(),
});
export type TopicSummaryView = z.output<typeof topicSummaryView>;

export const agoraSettingsView = z.object({ supportThreshold: z.number() });

export const agoraTabRoutes = {
  listTopics: defineRoute({
    id: 'agora.listTopics',
    method: 'GET',
    path: '/communities/{communityId}/agora/topics',
    summary: '议题列表（进行中/已结束/居民提议）',
    access: roles(MEMBERS),
    params: communityParams,
    query: z.object({
      bucket: z._default(z.enum(['open', 'closed', 'proposals']), 'open').check(z.meta({ title: '分类' })),
      mine: z._default(z.enum(['0', '1']), '0'),
      /** 我还没投: only polls open now where none of my seats has voted. */
      unvoted: z._default(z.enum(['0', '1']), '0'),
      cursor,
      limit: pageLimit,
    }),
    response: page(topicSummaryView),
  }),
  getSettings: defineRoute({
    id: 'agora.getSettings',
    method: 'GET',
    path: '/communities/{communityId}/agora/settings',
    summary: '议事厅设置',
    access: roles(MEMBERS),
    params: communityParams,
    response: agoraSettingsView,
  }),
  updateSettings: defineRoute({
    id: 'agora.updateSettings',
    method: 'PUT',
    path: '/communities/{communityId}/agora/settings',
    summary: '设置附议门槛',
    access: roles(COMMITTEE),
    staffLog: { object: 'setting' },
    params: communityParams,
    body: z.strictObject({
      supportThreshold: z.number(zh('附议门槛')).check(z.int(), z.gte(1), z.lte(1000), z.meta({ title: '附议门槛' })),
    }),
    response: agoraSettingsView,
  }),
};
