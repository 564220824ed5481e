import { timebankRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { auditReport } from './ledger/audit';
import { ledgerBook } from './ledger/ledgerBook';
import { reversePosting } from './ledger/reversal';
import { createItem, listCatalogue, restock, updateItem } from './catalogue';
import { cancelOrder, fulfil, getPickup, listPickups, markReady, myOrders, redeem } from './orders';
import { getSettings, updateSettings } from './settings';
import { donate, findAccount, wallet } from './wallet';

/**
 * 爱心时间银行: wallet and donations, the redemption mall and pickups, and the committee's ledger tools.
 * 通存通兑 across the street is the timebankStreet Lambda (streetHandler.ts).
 */
export const timebankHandlers = (): Handlers<typeof timebankRoutes> => ({
  wallet: ({ principal, params, query, now }) => wallet({ ...params, principal, page: query, now }),
  findAccount: ({ params }) => findAccount(params.communityId, params.accountCode),
  donate: ({ user, params, body, now }) => donate({ ...params, user: user!, input: body, now }),
  catalogue: ({ principal, params, query, now }) =>
    listCatalogue({ ...params, principal, include: query.include, now }),
  redeem: ({ user, principal, params, body, now }) =>
    redeem({ ...params, user: user!, input: body, now, proxyBy: principal.actor?.name }),
  myOrders: ({ principal, params }) => myOrders(principal, params.communityId),
  cancelOrder: ({ principal, params, now }) => cancelOrder({ ...params, principal, now }),
  listPickups: ({ principal, params }) => listPickups(principal, params.communityId),
  getPickup: ({ principal, params }) => getPickup(principal, params.communityId, params.orderCode),
  markReady: ({ principal, params, now }) => markReady({ ...params, principal, now }),
  fulfil: ({ principal, params, now }) => fulfil({ ...params, principal, now }),
  createItem: ({ principal, params, body, now }) => createItem({ ...params, principal, input: body, now }),
  updateItem: ({ params, body, now }) => updateItem({ ...params, patch: body, now }),
  restock: ({ principal, params, body, now }) => restock({ ...params, principal, input: body, now }),
  ledger: ({ params, query }) => ledgerBook(params.communityId, query),
  runAudit: async ({ params, now }) => ({ checkedAt: now.toISOString(), ...(await auditReport(params.communityId)) }),
  reverse: ({ principal, params, body, now }) => reversePosting({ ...params, principal, reason: body.reason, now }),
  settings: ({ params }) => getSettings(params.communityId),
  updateSettings: ({ principal, params, body, now }) =>
    updateSettings({ ...params, userId: principal.userId, input: body, now }),
});

export const handler = httpApi(timebankRoutes, timebankHandlers());
