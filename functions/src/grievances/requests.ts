import type { Principal } from '@linli/shared';
import type { UserItem } from '../db/entities/user';
import type { ContentChecker } from './contentCheck';

/** The signed-in person acting on 诉求: their grants, and the stored user (nickname, openid for WeChat's checks). */
export interface Caller {
  principal: Principal;
  user: UserItem;
}

/** Whose words WeChat's text check judges: the helper's under 亲情代办 (they typed them), else the caller's. */
export const authorOpenid = (caller: Caller) => caller.principal.actor?.openid ?? caller.user.openid;

/** A signed-in caller acting on one case. */
export interface CaseRequest {
  caller: Caller;
  communityId: string;
  grievanceId: string;
  now: Date;
}

/** Side effects a test replaces: WeChat's text and image checks. */
export interface GrievanceDeps {
  checker: ContentChecker;
}
