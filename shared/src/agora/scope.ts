/**
 * Who a topic concerns (议题范围): the whole community, some grids, some buildings, or a list of units.
 * A unit belongs to a scope by its grid, building or id; the electorate is drawn from the units in scope.
 */
export type TopicScope =
  | { kind: 'community' }
  | { kind: 'grids'; gridIds: string[] }
  | { kind: 'buildings'; buildingIds: string[] }
  | { kind: 'units'; unitIds: string[] };

export interface UnitPlace {
  unitId: string;
  buildingId: string;
  gridId: string;
}

export function unitInScope(scope: TopicScope, unit: UnitPlace): boolean {
  switch (scope.kind) {
    case 'community':
      return true;
    case 'grids':
      return scope.gridIds.includes(unit.gridId);
    case 'buildings':
      return scope.buildingIds.includes(unit.buildingId);
    case 'units':
      return scope.unitIds.includes(unit.unitId);
  }
}

/**
 * The audience object notification intents carry for "residents in scope"; the dispatcher expands it.
 * An empty object is the whole community.
 */
export function scopeAudience(scope: TopicScope): {
  kind: 'scope';
  scope: { gridIds?: string[]; buildingIds?: string[]; unitIds?: string[] };
} {
  switch (scope.kind) {
    case 'community':
      return { kind: 'scope', scope: {} };
    case 'grids':
      return { kind: 'scope', scope: { gridIds: scope.gridIds } };
    case 'buildings':
      return { kind: 'scope', scope: { buildingIds: scope.buildingIds } };
    case 'units':
      return { kind: 'scope', scope: { unitIds: scope.unitIds } };
  }
}

/** "全社区" / "3栋、5栋" / "12 户": a scope in words, with names looked up by the caller. */
export function scopeWords(
  scope: TopicScope,
  names: { grid(id: string): string; building(id: string): string },
): string {
  switch (scope.kind) {
    case 'community':
      return '全社区';
    case 'grids':
      return scope.gridIds.map(names.grid).join('、');
    case 'buildings':
      return scope.buildingIds.map(names.building).join('、');
    case 'units':
      return `指定的 ${scope.unitIds.length} 户`;
  }
}
