import { streetConsoleRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../../http/api';
import { communityGridFigures, streetFigures } from './figures';
import { exportStreetLedger } from './ledger';
import { streetQueue } from './queue';
import { readStreetStaffLog } from './staffLog';

/**
 * 街道工作台: the street's queue, 三率, 台账 and 操作记录. Its own Lambda (beside `streets`), so the spreadsheet
 * writer and the figures load only here. The pipeline admits the street's office and administrators
 * only, in the street the path names.
 */
export const streetConsoleHandlers = (): Handlers<typeof streetConsoleRoutes> => ({
  streetQueue: ({ params, query, now }) => streetQueue({ ...params, ...query, now }),
  streetFigures: ({ params, query, now }) => streetFigures({ ...params, ...query, now }),
  communityGrids: ({ params, query, now }) => communityGridFigures({ ...params, ...query, now }),
  exportStreetLedger: ({ params, body, now }) => exportStreetLedger({ ...params, ...body, now }),
  streetStaffLog: ({ params, query }) => readStreetStaffLog({ ...params, query }),
});

export const handler = httpApi(streetConsoleRoutes, streetConsoleHandlers());
