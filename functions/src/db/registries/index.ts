import { agora } from './agora';
import { grievances } from './grievances';
import { households } from './households';
import { identity } from './identity';
import { notifications } from './notifications';
import { roster } from './roster';
import { staffLog } from './staffLog';
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
  volunteer,
  timebank,
  staffLog,
];
