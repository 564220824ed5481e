import type { PersonalDataSection } from '../identity/personalData';
import { proxyRecords } from '../db/entities/proxyRecord';
import { proxySessions } from '../db/entities/proxySession';
import { proxy } from '../db/registries/proxy';
import { recordView } from './views';

/**
 * 亲情代办: what others did in my name (who, why, what, when) and whether I allow it (the switch is on the
 * profile). Erasure removes the records and the sessions kept under the account.
 */
export const proxySection: PersonalDataSection = {
  name: 'proxy',
  async export(userId) {
    const { Items = [] } = await proxy.query.recordsOfResident({ residentId: userId }).send();
    return { records: Items.map(recordView) };
  },
  async erase(userId) {
    const [{ Items: records = [] }, { Items: sessions = [] }] = await Promise.all([
      proxy.query.recordsOfResident({ residentId: userId }).send(),
      proxy.query.sessionsOfResident({ residentId: userId }).send(),
    ]);
    await Promise.all([
      ...records.map((r) => proxyRecords.delete({ residentId: userId, recordId: r.recordId })),
      ...sessions.map((s) => proxySessions.delete({ residentId: userId, proxySessionId: s.proxySessionId })),
    ]);
  },
};
