import { timebankRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { auditReport } from './ledger/audit';
import { ledgerBook } from './ledger/ledgerBook';
import { reversePosting } from './ledger/reversal';
import { createItem, listCatalogue, restock, updateItem } from './catalogue';
import { cancelOrder, fulfil, getPickup, listPickups, markReady, myOrders, redeem } from './orders';
import { getSettings, updateSettings } from './settings';
import { donate, findAccount, wallet } from './wallet';

/** 爱心时间银行: wallet and donations, the redemption mall and pickups, and the committee's ledger tools. */
export const timebankHandlers = (): Handlers<typeof timebankRoutes> => ({
  wallet: ({ principal, params, query, now }) => wallet(principal, params.communityId, query, now),
  findAccount: ({ params }) => findAccount(params.communityId, params.accountCode),
  donate: ({ user, params, body, now }) => donate(user!, params.communityId, body, now),
  catalogue: ({ principal, params, query, now }) => listCatalogue(principal, params.communityId, query.include, now),
  redeem: ({ user, params, body, now }) => redeem(user!, params.communityId, params.itemId, body, now),
  myOrders: ({ principal, params }) => myOrders(principal, params.communityId),
  cancelOrder: ({ principal, params, now }) => cancelOrder(principal, params.communityId, params.orderCode, now),
  listPickups: ({ principal, params }) => listPickups(principal, params.communityId),
  getPickup: ({ principal, params }) => getPickup(principal, params.communityId, params.orderCode),
  markReady: ({ principal, params, now }) => markReady(principal, params.communityId, params.orderCode, now),
  fulfil: ({ principal, params, now }) => fulfil(principal, params.communityId, params.orderCode, now),
  createItem: ({ principal, params, body, now }) => createItem(principal, params.communityId, body, now),
  updateItem: ({ params, body, now }) => updateItem(params.communityId, params.itemId, body, now),
  restock: ({ principal, params, body, now }) => restock(principal, params.communityId, params.itemId, body, now),
  ledger: ({ params, query }) => ledgerBook(params.communityId, query),
  runAudit: async ({ params, now }) => ({ checkedAt: now.toISOString(), ...(await auditReport(params.communityId)) }),
  reverse: ({ principal, params, body, now }) =>
    reversePosting(principal, params.communityId, params.postingId, body.reason, now),
  settings: ({ params }) => getSettings(params.communityId),
  updateSettings: ({ principal, params, body, now }) => updateSettings(principal.userId, params.communityId, body, now),
});

export const handler = httpApi(timebankRoutes, timebankHandlers());
