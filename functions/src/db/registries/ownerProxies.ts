import { registry } from '../registry';
import { nominationsOfOwner, proxiesHeldBy, proxiesOfPoll, proxyByCode } from '../entities/ownerProxy';

/** 书面委托 for owners' votes: a poll's proxies, a 委托码, the proxies a person holds, an owner's nominations. */
export const ownerProxies = registry('ownerProxies', {
  proxiesOfPoll,
  proxyByCode,
  proxiesHeldBy,
  nominationsOfOwner,
});
