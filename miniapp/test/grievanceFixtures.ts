import type { GrievanceDetail, GrievanceSummary } from '@linli/shared';

/** A request (诉求) as the API answers it: a list row, and the detail page's view (reporter's by default). */
export function grievanceSummary(overrides: Partial<GrievanceSummary> = {}): GrievanceSummary {
  return {
    grievanceId: 'gv1',
    number: 'ABC123',
    communityId: 'c1',
    category: 'repair',
    categoryLabel: '物业维修',
    excerpt: '楼道灯不亮',
    status: 'pending',
    level: 'grid',
    urgency: 'normal',
    visibility: 'public',
    anonymous: false,
    source: 'resident',
    location: '3栋',
    gridId: 'g1',
    createdAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
    dueAt: new Date(Date.now() + 20 * 3_600_000).toISOString(),
    overdue: false,
    overdueCount: 0,
    supportCount: 2,
    reporter: '我',
    mine: true,
    ...overrides,
  };
}

export function grievanceDetail(overrides: Partial<GrievanceDetail> = {}): GrievanceDetail {
  return {
    ...grievanceSummary(),
    description: '楼道灯不亮，晚上很黑',
    descriptionState: 'visible',
    photos: [],
    timeline: [
      {
        seq: 1,
        at: new Date().toISOString(),
        action: 'submit',
        actor: { name: '我', role: 'reporter' },
        toStatus: 'pending',
        toLevel: 'grid',
      },
    ],
    messages: [],
    version: 1,
    viewer: 'reporter',
    actions: ['withdraw'],
    canMessage: true,
    canSupport: false,
    supportedByMe: false,
    reopenCount: 0,
    ...overrides,
  };
}
