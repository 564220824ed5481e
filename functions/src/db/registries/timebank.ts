import { registry } from '../registry';
import { catalogueOf } from '../entities/catalogueItem';
import { accountsByCode, accountsOf, pointsAccountsOf } from '../entities/ledgerAccount';
import { ledgerBookPage, postingsInPeriod, postingsOf, postingsTouching } from '../entities/ledgerPosting';
import { openOrders, ordersOf } from '../entities/redemptionOrder';

/** 时间银行: points accounts, the ledger, the catalogue and orders. */
export const timebank = registry('timebank', {
  accountsByCode,
  accountsOf,
  pointsAccountsOf,
  postingsTouching,
  ledgerBook: ledgerBookPage,
  postingsInPeriod,
  postingsOf,
  catalogue: catalogueOf,
  ordersOf,
  openOrders,
});
