import { $get, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  keepRegistryOwners,
  MINUTE_MS,
  parseRosterSheet,
  planRoster,
  ROSTER_UPLOAD_TYPES,
  type ImportJobView,
  type RosterPlan,
} from '@linli/shared';
import { buildings } from '../../db/entities/building';
import { communities } from '../../db/entities/community';
import { grids } from '../../db/entities/grid';
import { importJobs, type ImportJobItem } from '../../db/entities/importJob';
import { owners } from '../../db/entities/owner';
import { units, type UnitItem } from '../../db/entities/unit';
import { roster } from '../../db/registries/roster';
import { ulid } from '../../commons/ids';
import { logger } from '../../commons/logger';
import { conflict, notFound } from '../../http/errors';
import { isConditionFailure } from '../../db/errors';
import { transact } from '../../db/transactions';
import type { CommunityRequest } from '../../commons/serviceRequest';
import { presignUpload, readObject, verifyUpload } from '../../media/storage';
import { readCells } from './sheetFiles';

const MAX_BYTES = 10 * 1024 * 1024;
const PROBLEMS_KEPT = 500;
/** Rows left alone for the registry, kept on the job for the preview (the count is of all of them). */
const KEPT_SHOWN = 500;
const WRITES_PER_PROGRESS_STEP = 100;
const PARALLEL_WRITES = 8;
/** An import stuck in `applying` this long (its Lambda died) may be resumed. */
const STALE_APPLY_MS = 2 * MINUTE_MS;

const uploadPrefix = (communityId: string, userId: string) => `imports/${communityId}/${userId}/`;
const formatOf = (key: string) => (key.endsWith('.csv') ? 'csv' : 'xlsx');

export async function createImportUpload({
  principal,
  communityId,
  input,
  now,
}: CommunityRequest & { input: { fileName: string; contentType: keyof typeof ROSTER_UPLOAD_TYPES; size: number } }) {
  const extension = ROSTER_UPLOAD_TYPES[input.contentType];
  return presignUpload({
    key: `${uploadPrefix(communityId, principal.userId)}${ulid(now.getTime())}.${extension}`,
    contentType: input.contentType,
    maxBytes: MAX_BYTES,
    now,
  });
}

type UnitFields = Pick<
  UnitItem,
  'buildingId' | 'buildingName' | 'gridId' | 'entrance' | 'room' | 'floor' | 'area' | 'label' | 'ownerId'
>;
const UNIT_FIELDS: (keyof UnitFields)[] = [
  'buildingId',
  'buildingName',
  'gridId',
  'entrance',
  'room',
  'floor',
  'area',
  'label',
  'ownerId',
];

async function existingUnits(communityId: string): Promise<Map<string, UnitItem>> {
  const { Items = [] } = await roster.query.unitsOfCommunity({ communityId }).send();
  return new Map(Items.map((u) => [u.unitId, u]));
}

function diffUnits(plan: RosterPlan, existing: Map<string, UnitItem>) {
  const added: RosterPlan['units'] = [];
  const updated: RosterPlan['units'] = [];
  let unchanged = 0;
  for (const u of plan.units) {
    const before = existing.get(u.unitId);
    if (!before) added.push(u);
    else if (UNIT_FIELDS.some((f) => (before[f] ?? undefined) !== (u[f] ?? undefined))) updated.push(u);
    else unchanged++;
  }
  return { added, updated, unchanged };
}

/** A unit the registry import set (or, from before `registeredAt`, that carries a 不动产单元号). */
const registeredAtOf = (u: UnitItem) => u.registeredAt ?? (u.registryUnitNo ? 'registry' : undefined);

/**
 * The sheet's plan with the registry's precedence applied: units an owners' registry import set keep its area
 * and owner, its owners are not rewritten (shared/src/roster/registryPrecedence.ts); `kept` says which rows and why.
 */
async function planFromFile(communityId: string, key: string, existing: Map<string, UnitItem>) {
  const [{ body, etag }, ownerNames] = await Promise.all([readObject(key), ownerNamesOf(communityId)]);
  const parsed = parseRosterSheet(await readCells(body, formatOf(key)));
  const now = new Map(
    [...existing.values()].map((u) => [
      u.unitId,
      { unitId: u.unitId, label: u.label, area: u.area, ownerId: u.ownerId, registeredAt: registeredAtOf(u) },
    ]),
  );
  const { plan, kept, registryUnitIds } = keepRegistryOwners(
    planRoster(communityId, parsed.rows),
    parsed.rows,
    now,
    ownerNames,
  );
  return { etag, parsed, plan, kept, registryUnitIds };
}

async function ownerNamesOf(communityId: string): Promise<Map<string, string>> {
  const { Items = [] } = await roster.query.rosterSheet({ communityId }).send();
  return new Map(Items.flatMap((i) => (i.entity === 'Owner' ? [[i.ownerId, i.name] as const] : [])));
}

function jobView(job: ImportJobItem): ImportJobView {
  return {
    jobId: job.jobId,
    status: job.status,
    fileName: job.fileName,
    problems: job.problems,
    summary: {
      rows: job.summary.rows,
      grids: job.summary.grids,
      buildings: job.summary.buildings,
      units: {
        added: job.summary.unitsAdded,
        updated: job.summary.unitsUpdated,
        unchanged: job.summary.unitsUnchanged,
      },
      owners: job.summary.owners,
    },
    progress: { written: job.written ?? 0, total: job.total },
    registryKept: { count: job.registryKeptCount ?? 0, rows: job.registryKept ?? [] },
    createdAt: job.createdAt,
    appliedAt: job.appliedAt,
  };
}

/**
 * 预览: validates every row of the uploaded sheet and compares it with the roster, writing nothing
 * but the job record. Problems are listed by sheet row so the committee fixes them in one pass.
 */
export async function previewImport({
  principal,
  communityId,
  input,
  now,
}: CommunityRequest & { input: { key: string; fileName: string } }) {
  await verifyUpload({
    key: input.key,
    ownPrefix: uploadPrefix(communityId, principal.userId),
    contentTypes: Object.keys(ROSTER_UPLOAD_TYPES),
    maxBytes: MAX_BYTES,
  });
  const existing = await existingUnits(communityId);
  const { etag, parsed, plan, kept, registryUnitIds } = await planFromFile(communityId, input.key, existing);
  const diff = diffUnits(plan, existing);
  const job: ImportJobItem = {
    communityId,
    jobId: ulid(now.getTime()),
    key: input.key,
    etag,
    fileName: input.fileName,
    status: parsed.problems.length ? 'invalid' : 'previewed',
    problems: parsed.problems.slice(0, PROBLEMS_KEPT),
    problemCount: parsed.problems.length,
    registryKept: kept.slice(0, KEPT_SHOWN),
    registryKeptCount: kept.length,
    summary: {
      rows: parsed.rows.length + new Set(parsed.problems.map((p) => p.row)).size,
      grids: plan.grids.length,
      buildings: plan.buildings.length,
      unitsAdded: diff.added.length,
      unitsUpdated: diff.updated.length,
      unitsUnchanged: diff.unchanged,
      owners: plan.owners.length,
    },
    written: 0,
    total: 0,
    createdBy: principal.userId,
    createdAt: now.toISOString(),
  } as ImportJobItem;
  job.total = parsed.problems.length ? 0 : buildWrites(communityId, plan, existing, registryUnitIds).length;
  await importJobs.put(job);
  return jobView(job);
}

export async function getImport(communityId: string, jobId: string) {
  const { Item } = await importJobs.get({ communityId, jobId }, { consistent: true });
  if (!Item) throw notFound('导入任务');
  return jobView(Item);
}

/**
 * 写入: applies a previewed import. Writes go in transactions of 100, each an idempotent upsert, and
 * progress is recorded after each; if the Lambda dies part-way, applying again resumes safely and
 * the final roster is the same, without duplicates.
 */
export async function applyImport(communityId: string, jobId: string, now: Date) {
  const { Item: job } = await importJobs.get({ communityId, jobId }, { consistent: true });
  if (!job) throw notFound('导入任务');
  if (job.status === 'invalid') throw conflict('表格中还有问题，请修正后重新上传');
  if (job.status === 'applied') return jobView(job);

  const staleBefore = new Date(now.getTime() - STALE_APPLY_MS).toISOString();
  try {
    await importJobs.update(
      { communityId, jobId, status: 'applying', written: 0 },
      {
        condition: {
          or: [
            { attr: 'status', in: ['previewed', 'failed'] },
            {
              and: [
                { attr: 'status', eq: 'applying' },
                { attr: 'modified', lt: staleBefore },
              ],
            },
          ],
        },
      },
    );
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('该导入正在进行中，请稍候查看进度');
    throw error;
  }

  try {
    const existing = await existingUnits(communityId);
    const { etag, parsed, plan, registryUnitIds } = await planFromFile(communityId, job.key, existing);
    if (etag !== job.etag || parsed.problems.length) throw conflict('文件在预览后发生了变化，请重新上传并预览');
    const total = await writeRosterPlan({
      communityId,
      plan,
      existing,
      registryUnitIds,
      onProgress: (written, all) =>
        importJobs.update({ communityId, jobId, written, total: all }).then(() => undefined),
    });
    // The roster is written in many idempotent steps (no one transaction could hold it), so the staff-log
    // entry goes with the last: the transaction that marks the job applied. An import that dies part-way
    // has no entry until it is applied again and completes.
    await transact({
      job: importJobs.transactUpdate({
        communityId,
        jobId,
        status: 'applied',
        appliedAt: now.toISOString(),
        written: total,
        total,
      }),
    });
  } catch (error) {
    logger.error('roster import failed', { communityId, jobId, error: error as Error });
    await importJobs.update({ communityId, jobId, status: 'failed', failure: (error as Error).message.slice(0, 200) });
    throw error;
  }
  return getImport(communityId, jobId);
}

/**
 * Writes a roster plan as idempotent upserts, a few at a time, reporting progress as it goes.
 * They need no transaction: each stands alone and repeating it changes nothing, which is what makes
 * an interrupted import safe to resume. Used by the import and by the demo seed.
 */
export async function writeRosterPlan({
  communityId,
  plan,
  existing,
  registryUnitIds = new Set(),
  onProgress,
}: {
  communityId: string;
  plan: RosterPlan;
  /** The community's units as read before the plan was made (read here when absent). */
  existing?: Map<string, UnitItem>;
  /** Units whose area and owner the registry set (the plan carries the registry's; they are not written). */
  registryUnitIds?: Set<string>;
  onProgress?: (written: number, total: number) => Promise<void>;
}): Promise<number> {
  const writes = buildWrites(communityId, plan, existing ?? (await existingUnits(communityId)), registryUnitIds);
  let written = 0;
  for (let i = 0; i < writes.length; i += WRITES_PER_PROGRESS_STEP) {
    const step = writes.slice(i, i + WRITES_PER_PROGRESS_STEP);
    for (let j = 0; j < step.length; j += PARALLEL_WRITES)
      await Promise.all(step.slice(j, j + PARALLEL_WRITES).map((write) => write()));
    written += step.length;
    await onProgress?.(written, writes.length);
  }
  return writes.length;
}

/**
 * The writes an import makes: every grid and building (names, counts), changed units and owners,
 * and the community totals. All are updates keyed by ids derived from the sheet, so repeating them
 * changes nothing, and unit updates never touch the household fields a binding maintains.
 */
function buildWrites(
  communityId: string,
  plan: RosterPlan,
  existing: Map<string, UnitItem>,
  registryUnitIds: Set<string>,
): (() => Promise<unknown>)[] {
  const diff = diffUnits(plan, existing);
  // Counts are over the merged roster (units already there plus the sheet's), since a sheet may
  // cover only some buildings.
  const merged = new Map<string, UnitFields & { unitId: string }>(existing);
  for (const u of plan.units) merged.set(u.unitId, u);
  const perBuilding = new Map<string, { units: number; area: number }>();
  for (const u of merged.values()) {
    const b = perBuilding.get(u.buildingId) ?? { units: 0, area: 0 };
    b.units += 1;
    b.area = Math.round((b.area + u.area) * 100) / 100;
    perBuilding.set(u.buildingId, b);
  }
  const ownerIds = new Set([...merged.values()].flatMap((u) => (u.ownerId ? [u.ownerId] : [])));
  const totalArea = [...perBuilding.values()].reduce((n, b) => n + b.area, 0);

  return [
    ...plan.grids.map((g) => () => grids.update({ communityId, gridId: g.gridId, name: g.name })),
    ...plan.buildings.map(
      (b) => () =>
        buildings.update({
          communityId,
          buildingId: b.buildingId,
          name: b.name,
          gridId: b.gridId,
          unitCount: perBuilding.get(b.buildingId)?.units ?? 0,
          area: perBuilding.get(b.buildingId)?.area ?? 0,
          // Maintained by bindings; a new building starts at zero, an existing one keeps its count.
          boundUnits: $get('boundUnits', 0),
        }),
    ),
    // A new unit starts with an empty household map: later bindings set entries inside it, which
    // DynamoDB allows only on an existing map. Updated units keep theirs untouched.
    // A unit the registry set meanwhile (a registry import between this plan's read and its write) refuses the
    // write: the import fails and applying again re-plans over the registry's values.
    ...diff.added.map(
      (u) => () =>
        units.update(
          { communityId, ...u, members: $set({}), memberCount: 0 },
          { condition: { attr: 'registeredAt', exists: false } },
        ),
    ),
    // The unit's index keys follow its building, grid, floor and room (the entity's update links). A registry
    // unit's area and owner are not the 台账's to write.
    ...diff.updated.map((u) => () => {
      if (!registryUnitIds.has(u.unitId))
        return units.update({ communityId, ...u }, { condition: { attr: 'registeredAt', exists: false } });
      const { area: _area, ownerId: _ownerId, ...rest } = u;
      return units.update({ communityId, ...rest });
    }),
    ...plan.owners.map(
      (o) => () =>
        owners.update({ communityId, ownerId: o.ownerId, name: o.name, phone: o.phone, unitIds: $set(o.unitIds) }),
    ),
    () =>
      communities.update({
        communityId,
        unitCount: merged.size,
        area: Math.round(totalArea * 100) / 100,
        ownerCount: ownerIds.size,
      }),
  ];
}
