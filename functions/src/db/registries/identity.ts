import { registry } from '../registry';
import { sessionsOfUser } from '../entities/session';
import { pendingErasures } from '../entities/user';

/** 账号: users and their sessions. */
export const identity = registry('identity', { sessionsOfUser, pendingErasures });
