import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageOptions } from '../page';
import { boolean } from 'dynamodb-toolbox/schema/boolean';

/**
 * A community service or charity gift in the redemption catalogue (兑换目录). It also holds the
 * balances of its three piece accounts (supply, stock, redeemed): a redemption's condition
 * `stock >= quantity` sits on this item, so concurrent redemptions can never oversell. One
 * partition per community lists the catalogue.
 */
export const CatalogueItemEntity = new Entity({
  name: 'CatalogueItem',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    itemId: string().key(),
    name: string(),
    description: string(),
    kind: string().enum('service', 'gift'),
    price: number(),
    perPersonLimit: number().optional(),
    activeFrom: string().optional(),
    activeUntil: string().optional(),
    providerId: string().optional(),
    providerName: string().optional(),
    status: string().enum('active', 'archived').default('active'),
    /** Balance of stock:<itemId>: pieces on the shelf, never below zero. */
    stock: number().default(0),
    /** Balance of redeemed:<itemId>: pieces handed to orders. */
    redeemed: number().default(0),
    /** Balance of supply:<itemId>: −(all pieces ever stocked). */
    supply: number().default(0),
    createdAt: string(),
    createdBy: string().optional(),
    /** The 上架 request that created it: a retry with the same id answers this item instead of 409. */
    createRequestId: string().optional(),
    /** 向街道开放 (通存通兑): residents of the street's other communities may redeem it (default off). */
    streetOpen: boolean().optional(),
  }),
  computeKey: ({ communityId, itemId }) => ({ PK: cataloguePartition(communityId), SK: itemId }),
});
export const catalogueItems = CatalogueItemEntity.build(Repository);
export type CatalogueItemItem = FormattedItem<typeof CatalogueItemEntity>;

export const cataloguePartition = (communityId: string) => `C#${communityId}#TB#CATALOGUE`;

/** T4 / T11 A community's catalogue (consistently for the audit). */
export const catalogueOf = CatalogueItemEntity.build(AccessPattern)
  .schema(map({ communityId: string(), consistent: boolean().optional() }))
  .pattern(({ communityId, consistent }) => ({
    partition: cataloguePartition(communityId),
    options: { consistent, ...pageOptions(undefined) },
  }))
  .meta({ title: 'T4' });
