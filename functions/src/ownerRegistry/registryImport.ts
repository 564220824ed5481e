import { $remove, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  planOwnerRegistry,
  REGISTRY_ROWS_PAGE,
  RegistryFileError,
  ROSTER_UPLOAD_TYPES,
  type OwnerRegistryImportView,
  type RegistryPlan,
} from '@linli/shared';
import { buildings } from '../db/entities/building';
import { communities } from '../db/entities/community';
import { memberships, type MembershipItem } from '../db/entities/membership';
import { owners, type OwnerItem } from '../db/entities/owner';
import { ownerRegistryImports, type OwnerRegistryImportItem } from '../db/entities/ownerRegistryImport';
import type { TopicItem } from '../db/entities/topic';
import { units, type UnitItem } from '../db/entities/unit';
import { membershipKey, users } from '../db/entities/user';
import { agora } from '../db/registries/agora';
import { households } from '../db/registries/households';
import { roster } from '../db/registries/roster';
import { failedWrites, transact, type WriteTx, type Writes } from '../db/transactions';
import { noteStaffChange } from '../db/staffLog';
import { ulid } from '../commons/ids';
import type { CommunityRequest } from '../commons/serviceRequest';
import { badRequest, conflict, notFound } from '../http/errors';
import { isConditionFailure } from '../db/errors';
import { readObject, verifyUpload } from '../media/storage';
import { readCells, type Cell } from '../roster/transfer/sheetFiles';

const MAX_BYTES = 10 * 1024 * 1024;
const OWNERS_SHOWN = 3000;
/** DynamoDB Local takes 10 writes a transaction; the first one also carries the staff-log entry. */
const WRITES_PER_TRANSACTION = 9;

/** The same upload as the 台账 import (`roster.createImportUpload`): one picker, one S3 prefix. */
const uploadPrefix = (communityId: string, userId: string) => `imports/${communityId}/${userId}/`;
const formatOf = (key: string) => (key.endsWith('.csv') ? 'csv' : 'xlsx');

interface RosterNow {
  units: UnitItem[];
  owners: OwnerItem[];
}

export async function rosterNow(communityId: string): Promise<RosterNow> {
  const { Items = [] } = await roster.query.rosterSheet({ communityId }).send();
  return {
    units: Items.filter((i): i is UnitItem & { entity: 'Unit' } => i.entity === 'Unit'),
    owners: Items.filter((i): i is OwnerItem & { entity: 'Owner' } => i.entity === 'Owner'),
  };
}

async function planFromFile(communityId: string, key: string, now: RosterNow) {
  const { body, etag } = await readObject(key);
  let cells: Cell[][];
  try {
    cells = await readCells(body, formatOf(key));
  } catch {
    throw badRequest('无法读取该 Excel 文件，请确认是 .xlsx 格式（可在 WPS/Excel 中“另存为”）', [
      { field: 'body.key', message: '无法读取该文件' },
    ]);
  }
  try {
    return { etag, plan: planOwnerRegistry({ communityId, cells, roster: now }) };
  } catch (error) {
    if (error instanceof RegistryFileError)
      throw badRequest(error.message, [{ field: 'body.key', message: error.message }]);
    throw error;
  }
}

/**
 * Owners' polls of the community whose electorate is frozen (scheduled or voting or counting). Their
 * denominators never move; a seat is read from the roster when its ballot is cast, so a roster change while
 * voting would let seats and denominators disagree: `open` ones (voting has begun) refuse the apply.
 */
async function frozenOwnerPolls(communityId: string, now: Date) {
  const { Items = [] } = await agora.query.topicsInBucket({ communityId, bucket: 'open', page: { limit: 100 } }).send();
  return Items.filter(
    (t): t is TopicItem & { vote: NonNullable<TopicItem['vote']> } =>
      t.vote?.basis === 'owners' && (t.phase === 'voting' || t.phase === 'counting'),
  ).map((t) => ({
    topicId: t.topicId,
    title: t.title,
    opensAt: t.vote.opensAt,
    open: t.phase === 'counting' || t.vote.opensAt <= now.toISOString(),
  }));
}

/**
 * What applying the plan writes: the extract's units whose area, owner or 不动产单元号 differ, the owners holding
 * them, owners of the roster who held one and now hold fewer, and 业主 bound to a unit whose owner changes.
 * Units outside the extract are never written (another import may be changing them meanwhile).
 */
function changesOf(plan: RegistryPlan, current: RosterNow, members: MembershipItem[]) {
  const before = new Map(current.units.map((u) => [u.unitId, u]));
  const inExtract = new Set(plan.units.filter((u) => u.inExtract).map((u) => u.unitId));
  const changedUnits = plan.units.filter((u) => {
    const b = before.get(u.unitId);
    return (
      inExtract.has(u.unitId) &&
      !!b &&
      // Not yet marked as the registry's: from the mark on, a 台账 import leaves its area and owner alone.
      (!b.registeredAt ||
        b.area !== u.area ||
        (b.ownerId ?? '') !== (u.ownerId ?? '') ||
        (b.registryUnitNo ?? '') !== (u.registryUnitNo ?? ''))
    );
  });
  const ownersBefore = new Map(current.owners.map((o) => [o.ownerId, o]));
  const planned = new Map(plan.owners.map((o) => [o.ownerId, o]));
  const changedOwners = plan.owners.filter((o) => {
    if (!o.unitIds.some((id) => inExtract.has(id))) return false;
    const b = ownersBefore.get(o.ownerId);
    return !b || b.name !== o.name || [...b.unitIds].sort().join() !== [...o.unitIds].sort().join();
  });
  // Owners of the roster who held an extract unit and are no longer its owner (a sold flat): their list follows.
  const shrunk = current.owners.filter(
    (o) =>
      !planned.has(o.ownerId) && o.unitIds.some((id) => inExtract.has(id) && before.get(id)?.ownerId === o.ownerId),
  );
  const ownerAfter = new Map(plan.units.filter((u) => inExtract.has(u.unitId)).map((u) => [u.unitId, u.ownerId]));
  // A resident bound as 业主 speaks for the unit's registered owner: when the owner changes, so does she.
  const rebound = members.filter(
    (m) => m.relation === 'owner' && ownerAfter.has(m.unitId) && (m.ownerId ?? '') !== (ownerAfter.get(m.unitId) ?? ''),
  );
  return { changedUnits, changedOwners, shrunk, rebound };
}

function importView(
  job: Omit<OwnerRegistryImportItem, 'created' | 'modified'>,
  plan: RegistryPlan,
  changes: ReturnType<typeof changesOf>,
  polls: OwnerRegistryImportView['polls'],
): OwnerRegistryImportView {
  const labelOf = new Map(plan.units.map((u) => [u.unitId, u.label]));
  return {
    jobId: job.jobId,
    status: job.status,
    fileName: job.fileName,
    totals: { ...plan.totals, area: plan.totals.area / 100 },
    changes: {
      units: changes.changedUnits.length,
      owners: changes.changedOwners.length + changes.shrunk.length,
      bindings: changes.rebound.length,
    },
    byBuilding: plan.byBuilding.map((b) => ({ ...b, area: b.area / 100 })),
    rows: plan.rows.slice(0, REGISTRY_ROWS_PAGE).map(rowView),
    rowsCursor: plan.rows.length > REGISTRY_ROWS_PAGE ? rowsCursor(REGISTRY_ROWS_PAGE) : undefined,
    rowCounts: {
      ok: plan.rows.filter((r) => r.status === 'ok').length,
      note: plan.rows.filter((r) => r.status === 'note').length,
      problem: plan.rows.filter((r) => r.status === 'problem').length,
    },
    owners: [...plan.owners]
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
      .slice(0, OWNERS_SHOWN)
      .map((o) => ({ name: o.name, units: o.unitIds.map((id) => labelOf.get(id) ?? id), area: o.area / 100 })),
    problems: plan.problems,
    notes: plan.notes,
    polls,
    createdAt: job.createdAt,
    appliedAt: job.appliedAt,
  };
}

const rowView = ({ unitId: _unitId, ...r }: RegistryPlan['rows'][number]) => r;

/** A page of rows is an offset into the extract's (filtered) rows, written as the other lists' opaque cursors are. */
const rowsCursor = (offset: number) => Buffer.from(`r${offset}`).toString('base64url');
function rowsOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^r(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badRequest('分页游标无效，请从第一页重新读取', [{ field: 'query.cursor', message: '分页游标无效' }]);
  return Number(m[1]);
}

/**
 * 逐行匹配, page by page: the extract's rows as the preview matched them, read again from the job's file (the
 * preview answers only the first page, so a committee can read every row of a 3,000-unit extract). `status`
 * narrows to the problems or the notes. The file changed since the preview: 409 `STALE`.
 */
export async function registryImportRows({
  communityId,
  jobId,
  status,
  cursor,
  limit,
}: CommunityRequest & {
  jobId: string;
  status?: RegistryPlan['rows'][number]['status'];
  cursor?: string;
  limit: number;
}) {
  const offset = rowsOffset(cursor);
  const { Item: job } = await ownerRegistryImports.get({ communityId, jobId });
  if (!job) throw notFound('导入任务');
  const { etag, plan } = await planFromFile(communityId, job.key, await rosterNow(communityId));
  if (etag !== job.etag) throw conflict('摘录在预览后发生了变化，请重新预览', 'STALE');
  const rows = status ? plan.rows.filter((r) => r.status === status) : plan.rows;
  const next = offset + limit;
  return {
    items: rows.slice(offset, next).map(rowView),
    nextCursor: next < rows.length ? rowsCursor(next) : undefined,
  };
}

export async function membersOf(communityId: string): Promise<MembershipItem[]> {
  const { Items = [] } = await households.query.members({ communityId }).send();
  return Items;
}

/**
 * 预览: matches every row of the uploaded extract to the roster and shows the owners' roster it makes —
 * heads, area, units, the developer's units, per building, each row's match or problem — writing only the
 * job (the file's ETag and the fingerprint of what was shown). A file it cannot read is a 400 naming the row.
 */
export async function previewRegistryImport({
  principal,
  communityId,
  input,
  now,
}: CommunityRequest & { input: { key: string; fileName: string } }): Promise<OwnerRegistryImportView> {
  await verifyUpload({
    key: input.key,
    ownPrefix: uploadPrefix(communityId, principal.userId),
    contentTypes: Object.keys(ROSTER_UPLOAD_TYPES),
    maxBytes: MAX_BYTES,
  });
  const current = await rosterNow(communityId);
  const [{ etag, plan }, members, polls] = await Promise.all([
    planFromFile(communityId, input.key, current),
    membersOf(communityId),
    frozenOwnerPolls(communityId, now),
  ]);
  const job = {
    communityId,
    jobId: ulid(now.getTime()),
    key: input.key,
    etag,
    fileName: input.fileName,
    status: plan.problems.length ? 'invalid' : 'previewed',
    fingerprint: plan.fingerprint,
    createdBy: principal.userId,
    createdAt: now.toISOString(),
  } satisfies Omit<OwnerRegistryImportItem, 'created' | 'modified'>;
  await ownerRegistryImports.put(job);
  return importView(job, plan, changesOf(plan, current, members), polls);
}

/**
 * 写入: writes what the preview showed, or refuses (409) when the file, the roster or the bindings changed
 * since (`STALE`: preview again), when the preview had problems, or while an owners' poll is being voted.
 * Each owner is written in one transaction with their units and the 业主 bound to them, so the roster is
 * never half an owner; applying again writes only what still differs (nothing, once applied).
 */
export async function applyRegistryImport({
  communityId,
  jobId,
  now,
}: CommunityRequest & { jobId: string }): Promise<OwnerRegistryImportView> {
  const { Item: job } = await ownerRegistryImports.get({ communityId, jobId }, { consistent: true });
  if (!job) throw notFound('导入任务');
  if (job.status === 'invalid') throw conflict('摘录中还有问题，请修正后重新上传并预览', 'ILLEGAL_TRANSITION');
  const current = await rosterNow(communityId);
  const [{ etag, plan }, members, polls] = await Promise.all([
    planFromFile(communityId, job.key, current),
    membersOf(communityId),
    frozenOwnerPolls(communityId, now),
  ]);
  const changes = changesOf(plan, current, members);
  if (job.status === 'applied') return importView(job, plan, changes, polls);
  const voting = polls.find((p) => p.open);
  if (voting)
    throw conflict(`业主表决“${voting.title}”正在进行，名册已冻结：请在表决结束后再导入`, 'ILLEGAL_TRANSITION');
  if (etag !== job.etag || plan.problems.length || plan.fingerprint !== job.fingerprint)
    throw conflict('摘录或名册在预览后发生了变化，请重新预览', 'STALE');

  noteStaffChange({
    before: { owners: current.owners.filter((o) => o.unitIds.length).length, units: current.units.length },
    after: {
      owners: plan.totals.owners,
      units: plan.totals.units,
      heads: plan.totals.heads,
      area: plan.totals.area / 100,
      changedUnits: changes.changedUnits.length,
      reboundOwners: changes.rebound.length,
    },
  });
  await writeOwnerRegistry({ communityId, plan, current, members, now });
  const applied = { ...job, status: 'applied' as const, appliedAt: now.toISOString() };
  try {
    await ownerRegistryImports.update(
      { communityId, jobId, status: 'applied', appliedAt: applied.appliedAt },
      { condition: { attr: 'status', eq: 'previewed' } },
    );
  } catch (error) {
    // Applied by a concurrent request meanwhile: the roster is the same either way.
    if (!isConditionFailure(error)) throw error;
  }
  const after = await rosterNow(communityId);
  return importView(applied, plan, changesOf(plan, after, await membersOf(communityId)), polls);
}

/**
 * Writes a plan over the roster it was made from: the transactions below, one after the other. Returns how many
 * it wrote (none when the roster already is what the plan says).
 */
export async function writeOwnerRegistry({
  communityId,
  plan,
  current,
  members,
  now,
}: {
  communityId: string;
  plan: RegistryPlan;
  current: RosterNow;
  members: MembershipItem[];
  now?: Date;
}): Promise<number> {
  const transactions = applyTransactions(
    communityId,
    plan,
    current,
    changesOf(plan, current, members),
    (now ?? new Date()).toISOString(),
  );
  for (const writes of transactions) {
    try {
      await transact(writes);
    } catch (error) {
      const failed = failedWrites(error, writes);
      if (failed?.has('members') || failed?.has('units'))
        throw conflict('名册刚刚发生了变化（有房屋或业主绑定变动），请重新预览', 'STALE');
      throw error;
    }
  }
  return transactions.length;
}

/**
 * The transactions of an apply: per owner, the owner and their changed units and the 业主 bound to them
 * (split only when one owner needs more than a transaction holds); then units that went to the developer,
 * shrunk owners, and the building and community totals.
 */
function applyTransactions(
  communityId: string,
  plan: RegistryPlan,
  current: RosterNow,
  changes: ReturnType<typeof changesOf>,
  registeredAt: string,
): Writes[] {
  const changedUnits = new Map(changes.changedUnits.map((u) => [u.unitId, u]));
  const reboundOf = new Map<string, MembershipItem[]>();
  for (const m of changes.rebound) reboundOf.set(m.unitId, [...(reboundOf.get(m.unitId) ?? []), m]);
  const unitWrite = (u: RegistryPlan['units'][number]) =>
    units.transactUpdate(
      {
        communityId,
        unitId: u.unitId,
        area: u.area,
        ownerId: u.ownerId ?? $remove(),
        registryUnitNo: u.registryUnitNo ?? $remove(),
        registeredAt,
      },
      { condition: { attr: 'unitId', exists: true } },
    );
  const rebind = (m: MembershipItem, ownerId: string | undefined): [string, WriteTx][] => [
    [
      'members',
      memberships.transactUpdate(
        { communityId, unitId: m.unitId, userId: m.userId, ownerId: ownerId ?? $remove() },
        { condition: { attr: 'userId', exists: true } },
      ),
    ],
    [
      'residents',
      users.transactUpdate({
        userId: m.userId,
        memberships: { [membershipKey(communityId, m.unitId)]: { ownerId: ownerId ?? $remove() } },
      }),
    ],
  ];
  const unitAndBindings = (u: RegistryPlan['units'][number]): [string, WriteTx][] => [
    ['units', unitWrite(u)],
    ...(reboundOf.get(u.unitId) ?? []).flatMap((m) => rebind(m, u.ownerId)),
  ];

  const groups: [string, WriteTx][][] = [];
  const changedOwnerIds = new Set(changes.changedOwners.map((o) => o.ownerId));
  for (const o of plan.owners) {
    const held = o.unitIds.flatMap((id) => (changedUnits.has(id) ? unitAndBindings(changedUnits.get(id)!) : []));
    if (!changedOwnerIds.has(o.ownerId) && !held.length) continue;
    groups.push([
      ['owner', owners.transactUpdate({ communityId, ownerId: o.ownerId, name: o.name, unitIds: $set(o.unitIds) })],
      ...held,
    ]);
  }
  for (const u of changes.changedUnits.filter((x) => !x.ownerId)) groups.push(unitAndBindings(u));
  const heldAfter = new Map<string, string[]>();
  for (const u of plan.units) if (u.ownerId) heldAfter.set(u.ownerId, [...(heldAfter.get(u.ownerId) ?? []), u.unitId]);
  for (const o of changes.shrunk)
    groups.push([
      [
        'owner',
        owners.transactUpdate({ communityId, ownerId: o.ownerId, unitIds: $set(heldAfter.get(o.ownerId) ?? []) }),
      ],
    ]);
  const areaBefore = new Map<string, number>();
  for (const u of current.units)
    areaBefore.set(u.buildingId, (areaBefore.get(u.buildingId) ?? 0) + Math.round(u.area * 100));
  const totals: [string, WriteTx][] = plan.byBuilding
    .filter((b) => areaBefore.get(b.buildingId) !== b.area)
    .map((b) => [
      'buildings',
      buildings.transactUpdate(
        { communityId, buildingId: b.buildingId, area: b.area / 100 },
        { condition: { attr: 'buildingId', exists: true } },
      ),
    ]);
  if (groups.length || totals.length)
    totals.push([
      'community',
      communities.transactUpdate({ communityId, area: plan.totals.area / 100, ownerCount: plan.totals.owners }),
    ]);
  for (let i = 0; i < totals.length; i += WRITES_PER_TRANSACTION)
    groups.push(totals.slice(i, i + WRITES_PER_TRANSACTION));

  // Pack whole groups into transactions; a group larger than one transaction is split on its own.
  const transactions: [string, WriteTx][][] = [];
  let open: [string, WriteTx][] = [];
  for (const g of groups) {
    if (open.length + g.length > WRITES_PER_TRANSACTION && open.length) {
      transactions.push(open);
      open = [];
    }
    for (let i = 0; i < g.length; i += WRITES_PER_TRANSACTION) {
      const part = g.slice(i, i + WRITES_PER_TRANSACTION);
      if (part.length === WRITES_PER_TRANSACTION) transactions.push(part);
      else open.push(...part);
    }
  }
  if (open.length) transactions.push(open);
  return transactions.map((tx) => {
    const writes: Record<string, WriteTx[]> = {};
    for (const [name, write] of tx) (writes[name] ??= []).push(write);
    return writes;
  });
}
