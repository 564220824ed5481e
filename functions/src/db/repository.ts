import {
  EntityAction,
  type Entity,
  type FormattedItem,
  type InputItem,
  type KeyInputItem,
} from 'dynamodb-toolbox/entity';
import { BatchDeleteRequest } from 'dynamodb-toolbox/entity/actions/batchDelete';
import { BatchGetRequest } from 'dynamodb-toolbox/entity/actions/batchGet';
import { BatchPutRequest } from 'dynamodb-toolbox/entity/actions/batchPut';
import {
  DeleteItemCommand,
  type DeleteItemOptions,
  type DeleteItemResponse,
} from 'dynamodb-toolbox/entity/actions/delete';
import {
  EntityFormatter,
  type FormatItemOptions,
  type InferReadItemOptions,
} from 'dynamodb-toolbox/entity/actions/format';
import { GetItemCommand, type GetItemOptions, type GetItemResponse } from 'dynamodb-toolbox/entity/actions/get';
import {
  PutItemCommand,
  type PutItemInput,
  type PutItemOptions,
  type PutItemResponse,
} from 'dynamodb-toolbox/entity/actions/put';
import type { Condition } from 'dynamodb-toolbox/entity/actions/parseCondition';
import { ConditionCheck, type ConditionCheckOptions } from 'dynamodb-toolbox/entity/actions/transactCheck';
import { DeleteTransaction, type DeleteTransactionOptions } from 'dynamodb-toolbox/entity/actions/transactDelete';
import { PutTransaction, type PutTransactionOptions } from 'dynamodb-toolbox/entity/actions/transactPut';
import { UpdateTransaction, type UpdateTransactionOptions } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import {
  UpdateItemCommand,
  type UpdateItemInput,
  type UpdateItemOptions,
  type UpdateItemResponse,
} from 'dynamodb-toolbox/entity/actions/update';

/**
 * dynamodb-toolbox's `EntityRepository`, cut to the actions Linli uses. The library's repository imports every
 * entity action (scan, query, access patterns, transactGet, updateAttributes, parsePaths…), and one
 * `Entity.build(EntityRepository)` puts all of them in every Lambda: ~25 KB of minified code that nothing calls.
 * The signatures are the library's own, so call sites (`users.get`, `ballots.transactPut`…) read the same.
 * Queries go through the table (`LinliTable.build(QueryCommand)`), which each module imports where it queries.
 * Need another action? Add it here from its own subpath (`dynamodb-toolbox/entity/actions/<action>`).
 */
export class Repository<ENTITY extends Entity = Entity> extends EntityAction<ENTITY> {
  static override actionName = 'repository' as const;

  async get<OPTIONS extends GetItemOptions<ENTITY> = GetItemOptions<ENTITY>>(
    key: KeyInputItem<ENTITY>,
    options: OPTIONS = {} as OPTIONS,
  ): Promise<GetItemResponse<ENTITY, OPTIONS>> {
    return new GetItemCommand(this.entity, key, options).send();
  }

  async put<OPTIONS extends PutItemOptions<ENTITY> = PutItemOptions<ENTITY>>(
    item: PutItemInput<ENTITY>,
    options: OPTIONS = {} as OPTIONS,
  ): Promise<PutItemResponse<ENTITY, OPTIONS>> {
    return new PutItemCommand(this.entity, item, options).send();
  }

  async update<OPTIONS extends UpdateItemOptions<ENTITY> = UpdateItemOptions<ENTITY>>(
    item: UpdateItemInput<ENTITY>,
    options: OPTIONS = {} as OPTIONS,
  ): Promise<UpdateItemResponse<ENTITY, OPTIONS>> {
    return new UpdateItemCommand(this.entity, item, options).send();
  }

  async delete<OPTIONS extends DeleteItemOptions<ENTITY> = DeleteItemOptions<ENTITY>>(
    key: KeyInputItem<ENTITY>,
    options: OPTIONS = {} as OPTIONS,
  ): Promise<DeleteItemResponse<ENTITY, OPTIONS>> {
    return new DeleteItemCommand(this.entity, key, options).send();
  }

  batchGet(key: KeyInputItem<ENTITY>): BatchGetRequest<ENTITY> {
    return new BatchGetRequest(this.entity, key);
  }

  batchPut(item: InputItem<ENTITY>): BatchPutRequest<ENTITY> {
    return new BatchPutRequest(this.entity, item);
  }

  batchDelete(key: KeyInputItem<ENTITY>): BatchDeleteRequest<ENTITY> {
    return new BatchDeleteRequest(this.entity, key);
  }

  transactPut<OPTIONS extends PutTransactionOptions<ENTITY> = PutTransactionOptions<ENTITY>>(
    item: PutItemInput<ENTITY>,
    options: OPTIONS = {} as OPTIONS,
  ): PutTransaction<ENTITY, OPTIONS> {
    return new PutTransaction(this.entity, item, options);
  }

  transactUpdate<OPTIONS extends UpdateTransactionOptions<ENTITY> = UpdateTransactionOptions<ENTITY>>(
    item: UpdateItemInput<ENTITY>,
    options: OPTIONS = {} as OPTIONS,
  ): UpdateTransaction<ENTITY, OPTIONS> {
    return new UpdateTransaction(this.entity, item, options);
  }

  transactDelete<OPTIONS extends DeleteTransactionOptions<ENTITY> = DeleteTransactionOptions<ENTITY>>(
    key: KeyInputItem<ENTITY>,
    options: OPTIONS = {} as OPTIONS,
  ): DeleteTransaction<ENTITY, OPTIONS> {
    return new DeleteTransaction(this.entity, key, options);
  }

  transactCheck(key: KeyInputItem<ENTITY>, condition: Condition<ENTITY>, options: ConditionCheckOptions = {}) {
    return new ConditionCheck(this.entity, key, condition, options);
  }

  /** A raw item (a stream image, a multi-entity query's item) as the entity reads it. */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- dynamodb-toolbox's own default for these options
  format<OPTIONS extends FormatItemOptions<ENTITY> = {}>(
    item: { [KEY: string]: unknown },
    options: OPTIONS = {} as OPTIONS,
  ): FormattedItem<ENTITY, InferReadItemOptions<ENTITY, OPTIONS>> {
    return new EntityFormatter(this.entity).format(item, options);
  }
}
