import { registry } from '../registry';
import { proxySessionsOfResident } from '../entities/proxySession';
import { proxyRecordsOfCommunity, proxyRecordsOfResident } from '../entities/proxyRecord';

/** 亲情代办: a resident's 代办 sessions and the records of what was done in her name. */
export const proxy = registry('proxy', {
  sessionsOfResident: proxySessionsOfResident,
  recordsOfResident: proxyRecordsOfResident,
  recordsOfCommunity: proxyRecordsOfCommunity,
});
