import { agoraSection } from '../agora/personalData';
import { householdSection } from '../households/personalData';
import { staffSection } from '../roster/personalData';
import type { PersonalDataSection } from './personalData';
import { profileSection } from './profileSection';

/** Every feature's personal data, in export order. Erasure runs the same list. */
export const personalDataSections: PersonalDataSection[] = [profileSection, householdSection, staffSection, agoraSection];
