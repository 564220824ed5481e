import { ownerRegistryRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { myCensus } from './census';
import { applyRegistryImport, previewRegistryImport, registryImportRows } from './registryImport';

/** 业主名册: import from a 不动产登记 extract and the owner's census check; its own small Lambda (rosterTransfer is over budget). */
export const ownerRegistryHandlers = (): Handlers<typeof ownerRegistryRoutes> => ({
  previewRegistryImport: ({ principal, params, body, now }) =>
    previewRegistryImport({ ...params, principal, input: body, now }),
  applyRegistryImport: ({ principal, params, now }) => applyRegistryImport({ ...params, principal, now }),
  registryImportRows: ({ principal, params, query, now }) =>
    registryImportRows({ ...params, ...query, principal, now }),
  myCensus: ({ principal, params, query, now }) => myCensus({ ...params, principal, topicId: query.topicId, now }),
});

export const handler = httpApi(ownerRegistryRoutes, ownerRegistryHandlers());
