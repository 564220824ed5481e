import { registry } from '../registry';
import {
  staffLogAboutUser,
  staffLogOfActor,
  staffLogOfCommunity,
  staffLogOfObjectType,
  staffLogOfStreet,
} from '../entities/staffLogEntry';

/** 操作记录: the staff action log (issue 18 §4), read by the committee, the street office and the resident it names. */
export const staffLog = registry('staffLog', {
  ofCommunity: staffLogOfCommunity,
  ofActor: staffLogOfActor,
  ofObjectType: staffLogOfObjectType,
  aboutUser: staffLogAboutUser,
  ofStreet: staffLogOfStreet,
});
