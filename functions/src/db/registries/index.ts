import { agora } from './agora';
import { budget } from './budget';
import { budgetHome } from './budgetHome';
import { grievances } from './grievances';
import { households } from './households';
import { identity } from './identity';
import { moderation } from './moderation';
import { notifications } from './notifications';
import { ownerProxies } from './ownerProxies';
import { proxy } from './proxy';
import { roster } from './roster';
import { staffLog } from './staffLog';
import { streets } from './streets';
import { timebank } from './timebank';
import { volunteer } from './volunteer';

/** Every bounded context's registry of named queries (docs/DATA.md lists each pattern by its code name). */
export const REGISTRIES = [
  identity,
  roster,
  households,
  notifications,
  grievances,
  agora,
  ownerProxies,
  moderation,
  budget,
  budgetHome,
  volunteer,
  timebank,
  proxy,
  streets,
  staffLog,
];
