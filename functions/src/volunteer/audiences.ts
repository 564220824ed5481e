import type { FeatureAudiences } from '../notifications/audiences';
import { activityVolunteers } from './activities';

/** The notification audiences 志愿 knows the members of (installed by notifications/featureAudiences.ts). */
export const volunteerAudiences = {
  /** "活动已取消": everyone signed up for the activity, confirmed or waiting. */
  activityVolunteers: (communityId, audience) => activityVolunteers(communityId, audience.activityId),
} satisfies FeatureAudiences;
