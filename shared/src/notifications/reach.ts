/**
 * 触达: how a committee notice or a poll's opening notice reached the households it was addressed to —
 * by a subscribe message (a delivered WeChat send), by a member opening it in the inbox, or by neither
 * (a door for the 楼长 to knock on). Pure counting over the households in view and the marks recorded.
 */

export const REACH_SUBJECTS = ['notice', 'poll'] as const;
export type ReachSubject = (typeof REACH_SUBJECTS)[number];

/** The events whose delivery and reading are recorded per household (the opening notice of a poll, a 社区通知). */
export const REACH_EVENTS: readonly string[] = ['broadcast.published', 'agora.topicOpened'];

/** The dedupe key of a poll's opening notice, so its reach can be found from the poll. */
export const pollOpenedKey = (topicId: string) => `${topicId}:opened`;

export interface ReachHousehold {
  unitId: string;
  label: string;
  buildingId: string;
  buildingName: string;
}

export interface ReachMarkState {
  unitId: string;
  sent: boolean;
  read: boolean;
}

export interface ReachTotals {
  households: number;
  /** Reached by a subscribe message. */
  pushed: number;
  /** A member opened it in the inbox. */
  opened: number;
  /** Neither: knock on the door. */
  neither: number;
}

export interface BuildingReach extends ReachTotals {
  buildingId: string;
  name: string;
  /** The households reached by neither, in door order as given. */
  doors: { unitId: string; label: string }[];
}

export interface ReachCount extends ReachTotals {
  buildings: BuildingReach[];
}

const zero = (): ReachTotals => ({ households: 0, pushed: 0, opened: 0, neither: 0 });

/**
 * Counts the households in view: each is pushed, opened (both may hold) or neither. Marks of
 * households outside the view (another building, a unit left the scope) are not counted.
 */
export function countReach(households: readonly ReachHousehold[], marks: readonly ReachMarkState[]): ReachCount {
  const byUnit = new Map(marks.map((m) => [m.unitId, m]));
  const total = zero();
  const buildings = new Map<string, BuildingReach>();
  for (const h of households) {
    const mark = byUnit.get(h.unitId);
    let b = buildings.get(h.buildingId);
    if (!b) {
      b = { ...zero(), buildingId: h.buildingId, name: h.buildingName, doors: [] };
      buildings.set(h.buildingId, b);
    }
    for (const t of [total, b]) {
      t.households += 1;
      if (mark?.sent) t.pushed += 1;
      if (mark?.read) t.opened += 1;
      if (!mark?.sent && !mark?.read) t.neither += 1;
    }
    if (!mark?.sent && !mark?.read) b.doors.push({ unitId: h.unitId, label: h.label });
  }
  return {
    ...total,
    buildings: [...buildings.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true })),
  };
}

/** A share in whole percent (0 when there is nothing to share). */
export const reachPercent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);
