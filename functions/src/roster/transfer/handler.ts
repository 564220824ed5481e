import { rosterTransferRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../../http/api';
import { exportRoster } from './exportRoster';
import { applyImport, createImportUpload, getImport, previewImport } from './importRoster';

/** 台账 import and export: its own Lambda, so the spreadsheet libraries load only here. */
export const rosterTransferHandlers = (): Handlers<typeof rosterTransferRoutes> => ({
  createImportUpload: ({ principal, params, body, now }) =>
    createImportUpload({ ...params, principal, input: body, now }),
  previewImport: ({ principal, params, body, now }) => previewImport({ ...params, principal, input: body, now }),
  applyImport: ({ params, now }) => applyImport(params.communityId, params.jobId, now),
  getImport: ({ params }) => getImport(params.communityId, params.jobId),
  exportRoster: ({ params, body, now }) => exportRoster(params.communityId, body.format, now),
});

export const handler = httpApi(rosterTransferRoutes, rosterTransferHandlers());
