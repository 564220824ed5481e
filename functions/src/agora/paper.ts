import {
  isMemberOfUnit,
  managesGrid,
  unitInScope,
  PAPER_PHOTO_MAX_BYTES,
  PAPER_PHOTO_TYPES,
  type Principal,
} from '@linli/shared';
import { scopeOf, type TopicItem, type VoteSettings } from '../db/entities/topic';
import { units, type UnitItem } from '../db/entities/unit';
import { ulid } from '../commons/ids';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { presignUpload, verifyUpload } from '../media/storage';
import { castBallot } from './casting';
import { seatOfUnit, voterKeyOfUnit } from './seats';
import { loadTopic, type TopicRequest } from './topicItem';
import { agora } from '../db/registries/agora';
import { roster } from '../db/registries/roster';

/** 楼长 record for their building, 网格员 for their grid, the committee for every unit. */
function mayRecordFor(
  principal: Principal,
  communityId: string,
  unit: { gridId: string; buildingId: string; unitId: string },
): boolean {
  // 亲情代办: the principal is the resident's; the helper may record only for her own household.
  if (principal.actingFor) return isMemberOfUnit(principal, communityId, unit.unitId);
  if (principal.grants.some((g) => g.communityId === communityId && (g.role === 'committee' || g.role === 'admin')))
    return true;
  if (
    principal.grants.some(
      (g) => g.communityId === communityId && g.role === 'buildingHead' && g.buildingId === unit.buildingId,
    )
  )
    return true;
  return principal.grants.some((g) => g.role === 'gridWorker') && managesGrid(principal, communityId, unit.gridId);
}

const photoPrefix = (communityId: string, topicId: string, userId: string) =>
  `agora/paper/${communityId}/${topicId}/${userId}/`;

async function pollForPaper(communityId: string, topicId: string): Promise<TopicItem & { vote: VoteSettings }> {
  const topic = await loadTopic(communityId, topicId);
  if (!topic.vote || topic.phase !== 'voting') throw conflict('该议题不在表决中', 'POLL_NOT_OPEN');
  if (topic.vote.basis === 'person') throw conflict('按人投票的议题不能代录纸质票，请居民本人投票');
  return topic as TopicItem & { vote: VoteSettings };
}

export async function createPaperUpload({
  principal,
  communityId,
  topicId,
  input,
  now,
}: TopicRequest & { input: { contentType: (typeof PAPER_PHOTO_TYPES)[number]; size: number } }) {
  await pollForPaper(communityId, topicId);
  const ext = input.contentType === 'image/png' ? 'png' : 'jpg';
  return presignUpload({
    key: `${photoPrefix(communityId, topicId, principal.userId)}${ulid(now.getTime())}.${ext}`,
    contentType: input.contentType,
    maxBytes: PAPER_PHOTO_MAX_BYTES,
    now,
  });
}

export interface PaperBallotRequest extends TopicRequest {
  /** The 楼长/网格员 who records the paper. */
  actor: { userId: string; name: string };
  input: { unitId: string; choices: string[]; photoKey: string; requestId: string };
}

/** 代录纸质票: the signed paper's photo must be uploaded first; the one-per-seat rule is the same as online. */
export async function recordPaperBallot({ principal, actor, communityId, topicId, input, now }: PaperBallotRequest) {
  const topic = await pollForPaper(communityId, topicId);
  const { Item: unit } = await units.get({ communityId, unitId: input.unitId });
  if (!unit) throw notFound('房屋');
  if (!mayRecordFor(principal, communityId, unit)) throw forbidden('只能为本人负责的楼栋或网格代录');
  await verifyUpload({
    key: input.photoKey,
    ownPrefix: photoPrefix(communityId, topicId, principal.userId),
    contentTypes: PAPER_PHOTO_TYPES,
    maxBytes: PAPER_PHOTO_MAX_BYTES,
  }).catch((error) => {
    if (error instanceof Error && 'status' in error)
      throw badRequest((error as Error).message, [{ field: 'body.photoKey', message: (error as Error).message }]);
    throw error;
  });
  const seat = await seatOfUnit(topic, unit);
  const { receipt } = await castBallot({
    topic,
    seat,
    choices: input.choices,
    channel: 'paper',
    actor,
    requestId: input.requestId,
    photoKey: input.photoKey,
    now,
  });
  return { receipt, voterLabel: seat.label };
}

/** A building's households with whether their vote is in and by which channel — never what they chose. */
export async function listHouseholds({
  principal,
  communityId,
  topicId,
  buildingId,
}: Omit<TopicRequest, 'now'> & { buildingId: string }) {
  const topic = await pollForPaper(communityId, topicId);
  const [{ Items: unitItems = [] }, { Items: voters = [] }] = await Promise.all([
    roster.query.unitsOfBuilding({ communityId, buildingId }).send(),
    agora.query.votersOf({ communityId, topicId }).send(),
  ]);
  const first = unitItems[0] as UnitItem | undefined;
  if (first && !mayRecordFor(principal, communityId, first)) throw forbidden('只能查看本人负责的楼栋或网格');
  const byKey = new Map(voters.filter((p) => p.status === 'cast').map((p) => [p.voterKey, p]));
  return {
    items: unitItems
      .filter((u) => !!topic.vote.electorate.byBuilding[u.buildingId] && unitInScope(scopeOf(topic.vote), u))
      .map((u) => {
        const voterKey = voterKeyOfUnit(topic.vote, u);
        const p = byKey.get(voterKey);
        return {
          unitId: u.unitId,
          label: u.label,
          buildingId: u.buildingId,
          voterKey,
          voterLabel: p?.label ?? u.label,
          voted: !!p,
          channel: p?.channel,
        };
      }),
  };
}
