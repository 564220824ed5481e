import type { MeView } from '@linli/shared';
import { makeMe } from '@test/fakeApi';

/** A resident of c1 who may take part (the `resident` grant comes with binding). */
export const residentMe = (over: Partial<MeView> = {}) =>
  makeMe({ grants: [{ role: 'resident', communityId: 'c1' }], ...over });

export { activity } from '@test/activityFixtures';
