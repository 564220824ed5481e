/**
 * Everything Linli holds about a person, section by section, for "导出我的数据" and "注销账号".
 * Each feature contributes a section next to its own code and lists it in personalDataSections.ts;
 * erasing keeps what totals depend on (ballots, ledger entries) but cuts it loose from the person.
 */
export interface PersonalDataSection {
  /** Key of this section in the export, e.g. `households`. */
  name: string;
  export(userId: string): Promise<unknown>;
  /** Removes or anonymises this section's personal data. Must be idempotent: erasure is retried. */
  erase(userId: string, now: Date): Promise<void>;
}

/**
 * One section kept by several features (the resident sees 志愿服务与积分 as one): the export merges
 * the parts' fields, erasure runs the parts in order.
 */
export function combinedSection(name: string, parts: PersonalDataSection[]): PersonalDataSection {
  return {
    name,
    async export(userId) {
      const exported = await Promise.all(parts.map((part) => part.export(userId)));
      return Object.assign({}, ...exported) as unknown;
    },
    async erase(userId, now) {
      for (const part of parts) await part.erase(userId, now);
    },
  };
}
