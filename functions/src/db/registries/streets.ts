import { registry } from '../registry';
import { communitiesOfStreet } from '../entities/community';
import { staffInvitationsOfStreet } from '../entities/invitation';
import { streetsByName } from '../entities/street';
import { noticesOfStreet } from '../entities/streetNotice';
import { topicsOfStreet } from '../entities/streetTopic';

/** 街道: streets, the communities of a street, the staff invitation codes a street issued, its notices and 议事. */
export const streets = registry('streets', {
  streetsByName,
  communitiesOfStreet,
  staffInvitations: staffInvitationsOfStreet,
  notices: noticesOfStreet,
  topics: topicsOfStreet,
});
