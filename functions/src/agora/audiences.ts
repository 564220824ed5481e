import type { FeatureAudiences } from '../notifications/audiences';
import { nonVotersOf } from './nonVoters';

/** The notification audiences the 议事厅 knows the members of (installed by notifications/featureAudiences.ts). */
export const agoraAudiences = {
  /** "closing in 24 h": the bound residents in the poll's scope whose seat has no ballot yet. */
  async topicNonVoters(communityId, audience) {
    const userIds: string[] = [];
    for await (const userId of nonVotersOf(communityId, audience.topicId)) userIds.push(userId);
    return userIds;
  },
} satisfies FeatureAudiences;
