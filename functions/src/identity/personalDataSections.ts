import { grievanceSection } from '../grievances/personalData';
import { agoraSection } from '../agora/personalData';
import { budgetSection } from '../budget/personalData';
import { householdSection } from '../households/personalData';
import { staffSection } from '../roster/personalData';
import { notificationsSection } from '../notifications/personalData';
import { timebankSection } from '../timebank/personalData';
import type { PersonalDataSection } from './personalData';
import { profileSection } from './profileSection';

/** Every feature's personal data, in export order. Erasure runs the same list. */
export const personalDataSections: PersonalDataSection[] = [
  profileSection,
  householdSection,
  staffSection,
  notificationsSection,
  grievanceSection,
  timebankSection,
  agoraSection,
  budgetSection,
];
