import { timebankStreetRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { donateAcross, streetFunds } from './streetExchange';
import { cancelAcross, redeemAcross, streetCatalogue } from './streetRedemption';

/**
 * 时间银行通存通兑: the other communities of the resident's street, donations and redemptions across them. Their
 * own Lambda, so the timebank Lambda does not carry the street's entities and settlement; API Gateway routes
 * these paths ahead of the timebank Lambda's `/timebank/{proxy+}`.
 */
export const timebankStreetHandlers = (): Handlers<typeof timebankStreetRoutes> => ({
  streetFunds: ({ params }) => streetFunds(params),
  donateAcross: ({ user, params, body, now }) => donateAcross({ ...params, user: user!, input: body, now }),
  streetCatalogue: ({ params, now }) => streetCatalogue({ ...params, now }),
  redeemAcross: ({ user, principal, params, body, now }) =>
    redeemAcross({ ...params, user: user!, input: body, now, proxyBy: principal.actor?.name }),
  cancelAcross: ({ principal, params, now }) => cancelAcross({ ...params, principal, now }),
});

export const handler = httpApi(timebankStreetRoutes, timebankStreetHandlers());
