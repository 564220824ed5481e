import {
  acceptDeadline,
  holdsRole,
  isMemberOfUnit,
  stableHash,
  STAFF,
  startingLevel,
  type BodyOf,
  type GrievanceDetail,
  type grievanceRoutes,
  type GrievanceSettings,
} from '@linli/shared';
import { buildings } from '../db/entities/building';
import { locationKeyOf, grievances, type GrievanceItem } from '../db/entities/grievance';
import { grievanceEvents, type GrievanceEventItem } from '../db/entities/grievanceEvent';
import { units } from '../db/entities/unit';
import { transact } from '../db/transactions';
import { badRequest, conflict, forbidden } from '../http/errors';
import { isConditionFailure } from '../db/errors';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';
import { accessTo } from './access';
import { flagForReview } from './review';
import { screenTexts } from './contentCheck';
import { describe, toHandlers } from './notify';
import { acceptPhotos, pendingPhotos, startPhotoChecks } from './photos';
import { loadCase, settingsOf } from './repository';
import { authorOpenid, type Caller, type GrievanceDeps } from './requests';
import { detailView } from './views';

export type SubmitInput = BodyOf<typeof grievanceRoutes.submit>;

export interface SubmitRequest {
  caller: Caller;
  communityId: string;
  input: SubmitInput;
  now: Date;
}

/** The id of a submission: the same person and form id always name the same request. */
export const grievanceIdOf = (userId: string, clientRequestId: string) =>
  `gv${stableHash(`${userId}|${clientRequestId}`).slice(0, 20)}`;

/**
 * 提交诉求: checks the category, place, photos and text, routes the request to its grid (or the
 * committee), starts the accept deadline, and writes the request, its first timeline event and the
 * "new assignment" intent in one transaction. Submitting the same form again answers the same request.
 */
export async function submitGrievance(
  { caller, communityId, input, now }: SubmitRequest,
  deps: GrievanceDeps,
): Promise<GrievanceDetail> {
  const { principal, user } = caller;
  const grievanceId = grievanceIdOf(user.userId, input.clientRequestId);
  const fingerprint = requestFingerprint({
    route: 'grievances.submit',
    caller: user.userId,
    params: { communityId },
    body: input,
  });
  // The reads and the text check are independent: start them together, then judge their answers in
  // the order the rules go (the first refusal wins). A submission made before (a retried request)
  // answers with what it made: the transaction's condition finds it, and so does a refusal, which asks
  // first whether this is a replay. The happy path reads nothing for it.
  const settingsRead = started(settingsOf(communityId));
  const locating = started(locate(caller, communityId, input, settingsRead));
  const screening = started(
    screenTexts(
      {
        openid: authorOpenid(caller),
        fields: {
          description: input.description,
          'location.place': input.location.kind === 'place' ? input.location.place : undefined,
          'location.detail': input.location.kind === 'building' ? input.location.detail : undefined,
        },
        allowReview: true,
      },
      deps,
    ),
  );
  const checked = async () => {
    if (input.source !== 'resident' && !holdsRole(principal, STAFF, communityId))
      throw forbidden('只有网格员和居委会可以代录诉求');
    const { settings } = await settingsRead;
    if (!settings.categories.some((c) => c.enabled && c.key === input.category))
      throw badRequest('请选择有效的类别', [{ field: 'body.category', message: '请选择有效的类别' }]);
    const place = await locating;
    const texts = await screening;
    // The place is shown to neighbours at once; only the description may wait for a human reviewer.
    if (texts['location.place'] === 'review' || texts['location.detail'] === 'review') {
      const field = input.location.kind === 'place' ? 'body.location.place' : 'body.location.detail';
      throw badRequest('地点描述需要人工审核，请调整措辞', [{ field, message: '地点描述需要人工审核，请调整措辞' }]);
    }
    const photos = await acceptPhotos(
      input.photos.map((p) => p.key),
      { communityId, userId: user.userId, role: 'report', now },
    );
    return { settings, place, texts, photos };
  };
  let inputs: Awaited<ReturnType<typeof checked>>;
  try {
    inputs = await checked();
  } catch (error) {
    const replay = await answerIfSubmitted(caller, communityId, grievanceId, now, fingerprint);
    if (replay) return replay;
    throw error;
  }
  const { settings, place, texts, photos } = inputs;

  const level = startingLevel(settings, input.category, place.gridId);
  const at = now.toISOString();
  const household =
    input.anonymous || input.source !== 'resident'
      ? undefined
      : input.location.kind === 'unit'
        ? input.location.unitId
        : principal.memberships.find((m) => m.communityId === communityId)?.unitId;
  const grievance: GrievanceItem = {
    communityId,
    grievanceId,
    reporterId: user.userId,
    reporterName: user.nickname,
    source: input.source,
    resident: input.resident,
    householdUnitId: household,
    category: input.category,
    description: input.description,
    descriptionCheck: texts.description,
    urgency: input.urgency,
    visibility: input.visibility,
    anonymous: input.anonymous,
    location: place.location,
    locationKey: place.locationKey,
    gridId: place.gridId,
    level,
    status: 'pending',
    version: 1,
    ...acceptDeadline(now, level, input.urgency, settings),
    overdueCount: 0,
    reopenCount: 0,
    supportCount: 0,
    ratings: [],
    photos: pendingPhotos(photos),
    createdAt: at,
    requestFingerprint: fingerprint,
  } as GrievanceItem;
  const event = {
    communityId,
    grievanceId,
    version: 1,
    kind: 'T',
    action: 'submit',
    at,
    actorId: user.userId,
    actorName: user.nickname,
    actorRole: 'reporter',
    proxyBy: principal.actor?.name,
    toStatus: 'pending',
    toLevel: level,
  } as GrievanceEventItem;

  try {
    await transact({
      case: grievances.transactPut(grievance, { condition: { attr: 'grievanceId', exists: false } }),
      timeline: grievanceEvents.transactPut(event, { condition: { attr: 'action', exists: false } }),
      intent: toHandlers(
        grievance,
        settings,
        'grievance.assigned',
        1,
        { title: '新的诉求待受理', body: `${describe(grievance, settings)}：${input.description.slice(0, 40)}` },
        now,
      ),
      // Held for a person's judgement: 待人工复核 and 内容审核 learn of it in this same write.
      ...(texts.description === 'review'
        ? flagForReview(
            communityId,
            grievanceId,
            { kind: 'description' },
            at,
            grievance.source === 'resident' ? grievance.reporterId : undefined,
          )
        : {}),
    });
  } catch (error) {
    // A double tap raced this one to the same id: answer what it wrote.
    if (!isConditionFailure(error)) throw error;
    const raced = await answerIfSubmitted(caller, communityId, grievanceId, now, fingerprint);
    if (raced) return raced;
    throw conflict('提交失败，请重试');
  }
  await startPhotoChecks({ grievance, openid: authorOpenid(caller), now }, deps);
  const access = accessTo(principal, grievance)!;
  return detailView(
    { grievance, events: [event], messages: [], notes: [], supportedByMe: false },
    access,
    user.userId,
    settings,
    now,
  );
}

/** A submission made before under the same form id: answered when it is the same request, 409 when not. */
async function answerIfSubmitted(
  caller: Caller,
  communityId: string,
  grievanceId: string,
  now: Date,
  fingerprint: string,
) {
  const { Item } = await grievances.get({ communityId, grievanceId }, { consistent: true });
  if (!Item) return undefined;
  const parts = await loadCase(communityId, grievanceId, caller.user.userId);
  if (!parts) return undefined;
  const access = accessTo(caller.principal, parts.grievance);
  if (!access?.isReporter) throw conflict('提交编号已被使用，请重新填写');
  assertSameRequest(parts.grievance.requestFingerprint, fingerprint);
  const { settings } = await settingsOf(communityId);
  return detailView(parts, access, caller.user.userId, settings, now);
}

/**
 * Resolves the place to a grid: a unit or building carries its grid; a described place goes to the
 * grid the committee set for public areas, or to the committee itself. Residents report about their
 * own unit only, and an anonymous request names no unit at all (it would name the household).
 */
/** A promise started ahead of being awaited: its rejection is not "unhandled" while earlier steps run. */
function started<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

async function locate(
  caller: Caller,
  communityId: string,
  input: SubmitInput,
  settingsRead: Promise<{ settings: GrievanceSettings }>,
) {
  const l = input.location;
  if (l.kind === 'unit') {
    if (input.anonymous)
      throw badRequest('匿名诉求请选择楼栋或地点，不要选择自己的房屋', [
        { field: 'body.location', message: '匿名诉求请选择楼栋或地点' },
      ]);
    const { Item: unit } = await units.get({ communityId, unitId: l.unitId });
    if (!unit) throw badRequest('找不到该房屋', [{ field: 'body.location.unitId', message: '找不到该房屋' }]);
    if (input.source === 'resident' && !isMemberOfUnit(caller.principal, communityId, l.unitId))
      throw forbidden('只能为自己绑定的房屋反映问题，其他位置请选择楼栋');
    return {
      location: {
        kind: 'unit' as const,
        unitId: unit.unitId,
        unitLabel: unit.label,
        buildingId: unit.buildingId,
        buildingName: unit.buildingName,
      },
      locationKey: locationKeyOf(unit.buildingId),
      gridId: unit.gridId as string | undefined,
    };
  }
  if (l.kind === 'building') {
    const { Item: building } = await buildings.get({ communityId, buildingId: l.buildingId });
    if (!building) throw badRequest('找不到该楼栋', [{ field: 'body.location.buildingId', message: '找不到该楼栋' }]);
    return {
      location: {
        kind: 'building' as const,
        buildingId: building.buildingId,
        buildingName: building.name,
        detail: l.detail,
      },
      locationKey: locationKeyOf(building.buildingId),
      gridId: building.gridId as string | undefined,
    };
  }
  return {
    location: { kind: 'place' as const, detail: l.place },
    locationKey: locationKeyOf(undefined),
    gridId: (await settingsRead).settings.routing.placeGridId,
  };
}
