import type { ActivityView } from '@linli/shared';

/** An activity as the API answers it: open for sign-up, starting in half an hour (check-in already open). */
export function activity(over: Partial<ActivityView> = {}): ActivityView {
  const start = Date.now() + 30 * 60_000;
  return {
    activityId: 'a1',
    title: '垃圾分类宣传',
    description: '在楼下讲解分类新规',
    category: 'environment',
    place: '3栋楼下',
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 2 * 3_600_000).toISOString(),
    signUpDeadline: new Date(start - 60_000).toISOString(),
    cancelDeadline: new Date(start - 60_000).toISOString(),
    capacity: 10,
    confirmed: 3,
    waitlisted: 0,
    pointsRule: { kind: 'perHour', rate: 10 },
    organiser: { kind: 'committee', name: '社区居委会' },
    phase: 'open',
    // Starts in half an hour: check-in (from an hour before) is open, unless cancelled (as the server says).
    attendanceOpen: over.phase !== 'cancelled',
    canOrganise: false,
    ...over,
  };
}
