import { grievanceLedgerRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../../http/api';
import { exportLedger } from './exportLedger';

/** 诉求台账 export: its own Lambda, so the spreadsheet library is bundled only here. */
export const grievanceLedgerHandlers = (): Handlers<typeof grievanceLedgerRoutes> => ({
  exportLedger: ({ params, body, now }) => exportLedger(params.communityId, body, now),
});

export const handler = httpApi(grievanceLedgerRoutes, grievanceLedgerHandlers());
