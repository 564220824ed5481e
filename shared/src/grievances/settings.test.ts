import { installChineseMessages } from '../validation/messages';
import { DEFAULT_GRIEVANCE_SETTINGS, grievanceSettingsSchema, parseGrievanceSettings, startingLevel } from './settings';

installChineseMessages();

describe('grievance settings', () => {
  it('defaults to the nine categories of the issue when a community stored none', () => {
    expect(parseGrievanceSettings(undefined).categories.map((c) => c.label)).toEqual([
      '物业维修',
      '环境卫生',
      '噪音扰民',
      '停车',
      '治安安全',
      '邻里纠纷',
      '养老助残',
      '政策咨询',
      '其他',
    ]);
    expect(parseGrievanceSettings({ other: 'feature' })).toBe(DEFAULT_GRIEVANCE_SETTINGS);
  });

  it('reads what a committee stored, and falls back to defaults on something unreadable', () => {
    const custom = { ...DEFAULT_GRIEVANCE_SETTINGS, ratingDays: 3 };
    expect(parseGrievanceSettings({ grievances: custom }).ratingDays).toBe(3);
    expect(parseGrievanceSettings({ grievances: { ratingDays: 'x' } })).toBe(DEFAULT_GRIEVANCE_SETTINGS);
  });

  it('refuses duplicate category keys, no enabled category, and accept deadlines not shorter than finish', () => {
    const problems = (s: unknown) => {
      const r = grievanceSettingsSchema.safeParse(s);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(
      problems({
        ...DEFAULT_GRIEVANCE_SETTINGS,
        categories: [DEFAULT_GRIEVANCE_SETTINGS.categories[0], DEFAULT_GRIEVANCE_SETTINGS.categories[0]],
      }),
    ).toContain('类别编号不能重复');
    expect(
      problems({
        ...DEFAULT_GRIEVANCE_SETTINGS,
        categories: DEFAULT_GRIEVANCE_SETTINGS.categories.map((c) => ({ ...c, enabled: false })),
      }),
    ).toContain('至少启用一个类别');
    const deadlines = JSON.parse(
      JSON.stringify(DEFAULT_GRIEVANCE_SETTINGS.deadlines),
    ) as typeof DEFAULT_GRIEVANCE_SETTINGS.deadlines;
    deadlines.committee.urgent = { acceptHours: 48, finishHours: 48 };
    expect(problems({ ...DEFAULT_GRIEVANCE_SETTINGS, deadlines })).toContain('受理时限应短于办结时限');
    expect(problems({ ...DEFAULT_GRIEVANCE_SETTINGS, remindBeforeHours: 0 })).toEqual(['提前催办（小时）不能小于 1']);
  });

  it('routes to the grid unless the category goes to the committee or there is no grid', () => {
    const s = { ...DEFAULT_GRIEVANCE_SETTINGS, routing: { committeeCategories: ['policy'] } };
    expect(startingLevel(s, 'repair', 'g1')).toBe('grid');
    expect(startingLevel(s, 'policy', 'g1')).toBe('committee');
    expect(startingLevel(s, 'repair', undefined)).toBe('committee');
  });
});
