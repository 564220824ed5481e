import { DEFAULT_GRIEVANCE_SETTINGS, type PointsRule } from '@linli/shared';
import { agoraSettings, DEFAULT_SUPPORT_THRESHOLD } from '../db/entities/agoraSettings';
import { timebankSettings } from '../db/entities/timebankSettings';

/**
 * What a new community starts with, so its committee can work the day it is created and change
 * anything later in each feature's settings page. One module, so "what does a new community get" has
 * one answer:
 * - 诉求: categories (物业维修 … 其他), deadlines per level and urgency, reminders and the rating window —
 *   `settings.grievances` on the Community (the defaults of shared/src/grievances/settings.ts);
 * - 时间银行: points do not expire until the committee turns expiry on (24 months then) — TimebankSettings;
 * - 议事厅: 10 附议 put a resident's proposal in the committee's queue — AgoraSettings;
 * - 志愿 points rule: 10 points per hour served, what the activity form proposes — `settings.volunteer`;
 * - privacy: who processes residents' data in this community (its 居委会, at its address), shown beside
 *   the one privacy guideline every community shares (shared/src/identity/privacy.ts) — `settings.privacy`.
 */

export const DEFAULT_POINTS_RULE: PointsRule = { kind: 'perHour', rate: 10 };
export const DEFAULT_TIMEBANK_EXPIRY_MONTHS = 24;

export interface CommunityPrivacy {
  /** 个人信息处理者 in this community. */
  controller: string;
  address: string;
  notice: string;
}

export function privacyOf(name: string, address: string): CommunityPrivacy {
  const controller = `${name}居民委员会`;
  return {
    controller,
    address,
    notice: `您在${name}使用邻里时提交的个人信息，由${controller}（${address}）依照《邻里隐私保护指引》处理，仅用于本社区的诉求办理、志愿服务、时间银行与议事。`,
  };
}

/** The Community's `settings` map at creation. */
export function defaultSettings(name: string, address: string) {
  return {
    grievances: DEFAULT_GRIEVANCE_SETTINGS,
    volunteer: { pointsRule: DEFAULT_POINTS_RULE },
    privacy: privacyOf(name, address),
  };
}

/** The per-feature settings items written with the community, named for its creating transaction. */
export function defaultSettingsWrites(communityId: string, createdBy: string, at: string) {
  return {
    timebankSettings: timebankSettings.transactPut(
      {
        communityId,
        expiryEnabled: false,
        expiryMonths: DEFAULT_TIMEBANK_EXPIRY_MONTHS,
        updatedBy: createdBy,
        updatedAt: at,
      },
      { condition: { attr: 'communityId', exists: false } },
    ),
    agoraSettings: agoraSettings.transactPut(
      { communityId, supportThreshold: DEFAULT_SUPPORT_THRESHOLD, updatedBy: createdBy },
      { condition: { attr: 'communityId', exists: false } },
    ),
  };
}
