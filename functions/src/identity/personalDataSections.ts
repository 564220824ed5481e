import { grievanceSection } from '../grievances/personalData';
import { agoraSection } from '../agora/personalData';
import { budgetSection } from '../budget/personalData';
import { moderationSection } from '../moderation/personalData';
import { householdSection } from '../households/personalData';
import { staffLogSection, staffSection } from '../roster/personalData';
import { notificationsSection } from '../notifications/personalData';
import { timebankSection } from '../timebank/personalData';
import { volunteerSection } from '../volunteer/personalData';
import { combinedSection, type PersonalDataSection } from './personalData';
import { profileSection } from './profileSection';
import { proxySection } from '../proxy/personalData';

/**
 * Composition root (a named seam, see docs/DEVELOPING.md "Boundaries"): every feature's personal data,
 * in export order. Erasure runs the same list. 志愿服务与积分 is one section kept by two features:
 * volunteer records first (open sign-ups and team places withdrawn), then points (open orders
 * refunded, the balance closed to 爱心基金).
 */
export const personalDataSections: PersonalDataSection[] = [
  profileSection,
  householdSection,
  staffSection,
  notificationsSection,
  grievanceSection,
  combinedSection('volunteering', [volunteerSection, timebankSection]),
  agoraSection,
  proxySection,
  budgetSection,
  moderationSection,
  staffLogSection,
];
