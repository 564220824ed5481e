import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

const PLATFORM = 'PLATFORM';

/**
 * The one-time code that makes the first administrator of a deployed stage (`npm run admin --
 * bootstrap`). Only its hash is kept here; the code itself goes to SSM (and to the operator's screen,
 * once). Redeeming sets `usedBy` under the condition that nobody did and the code has not expired,
 * and after that no new code can be issued: there is exactly one bootstrap per table.
 */
export const BootstrapCodeEntity = new Entity({
  name: 'BootstrapCode',
  table: LinliTable,
  schema: item({
    codeHash: string(),
    issuedAt: string(),
    expiresAt: string(),
    /** Where the operator finds the code (`ssm:/linli/prod/bootstrap-code`, or `printed`). */
    storedIn: string(),
    usedBy: string().optional(),
    usedAt: string().optional(),
  }),
  computeKey: () => ({ PK: PLATFORM, SK: 'BOOTSTRAP' }),
});
export const bootstrapCodes = BootstrapCodeEntity.build(Repository);
export type BootstrapCodeItem = FormattedItem<typeof BootstrapCodeEntity>;

/** A platform administrator (管理员): creates streets, sees every street and community. */
export const PlatformAdminEntity = new Entity({
  name: 'PlatformAdmin',
  table: LinliTable,
  schema: item({
    userId: string().key(),
    realName: string().optional(),
    grantedBy: string(),
    grantedAt: string(),
    /** `bootstrap` for the first one. */
    via: string(),
  }),
  computeKey: ({ userId }) => ({ PK: PLATFORM, SK: `ADMIN#${userId}` }),
});
export const platformAdmins = PlatformAdminEntity.build(Repository);
