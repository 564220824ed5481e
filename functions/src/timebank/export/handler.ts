import { timebankExportRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../../http/api';
import { exportLedger } from './exportLedger';

/** 导出积分账本: its own Lambda, so the spreadsheet library loads only here. */
export const timebankExportHandlers = (): Handlers<typeof timebankExportRoutes> => ({
  exportLedger: ({ params, body, now }) => exportLedger(params.communityId, body, now),
});

export const handler = httpApi(timebankExportRoutes, timebankExportHandlers());
