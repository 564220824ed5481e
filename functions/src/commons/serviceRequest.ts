import type { Principal } from '@linli/shared';

/**
 * Who asks, in which community, and when: the part most service requests share. A service takes one
 * request object (this, extended with what it needs) and, when it has side effects a test replaces,
 * a second `deps` argument — see docs/DEVELOPING.md, "Adding a feature", step 4.
 */
export interface CommunityRequest {
  principal: Principal;
  communityId: string;
  now: Date;
}
