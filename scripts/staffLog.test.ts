import * as z from 'zod/mini';
import {
  ALL_ROUTES,
  defineRoute,
  isPrivilegedWrite,
  roles,
  SIGNED_IN,
  staffLoggedRoutes,
  staffObjectParam,
  undeclaredPrivilegedWrites,
} from '@linli/shared';

const route = (over: Partial<Parameters<typeof defineRoute>[0]>) =>
  defineRoute({
    id: 'test.route',
    method: 'POST',
    path: '/communities/{communityId}/things/{thingId}',
    summary: '测试',
    access: roles(['committee']),
    response: z.object({}),
    ...over,
  });

describe('the privileged writes, read from the contracts', () => {
  it('every privileged write of the API declares its staff-log entry (or why it has none)', () => {
    expect(undeclaredPrivilegedWrites(ALL_ROUTES).map((r) => r.id)).toEqual([]);
  });

  it('finds a new privileged route added without a declaration', () => {
    const added = route({});
    expect(undeclaredPrivilegedWrites([...ALL_ROUTES, added]).map((r) => r.id)).toEqual(['test.route']);
    expect(undeclaredPrivilegedWrites([route({ staffLog: { object: 'setting' } })])).toEqual([]);
    expect(undeclaredPrivilegedWrites([route({ staffLog: false })])).toEqual([]);
  });

  it('counts a route as privileged by its access: role-only, not a read, no resident admitted', () => {
    expect(isPrivilegedWrite(route({}))).toBe(true);
    expect(isPrivilegedWrite(route({ access: roles(['gridWorker', 'committee', 'admin']) }))).toBe(true);
    expect(isPrivilegedWrite(route({ method: 'GET' }))).toBe(false);
    expect(isPrivilegedWrite(route({ access: roles(['resident', 'committee']) }))).toBe(false);
    expect(isPrivilegedWrite(route({ access: SIGNED_IN }))).toBe(false);
  });

  it('covers the writes issue 18 names: settings, deadlines, roles, roster, prices, reversals, approvals, escalations', () => {
    const logged = new Set(staffLoggedRoutes(ALL_ROUTES).map((r) => r.id));
    for (const id of [
      'grievances.updateSettings',
      'timebank.updateSettings',
      'agora.changeSchedule',
      'roster.grantRole',
      'roster.revokeRole',
      'roster.applyImport',
      'timebank.updateItem',
      'timebank.reverse',
      'roster.decideBinding',
      'grievances.escalate',
      'agora.scheduleVote',
    ])
      expect(logged).toContain(id);
  });

  it('names the object by the declared parameter, else the path’s last one', () => {
    expect(staffObjectParam(route({ staffLog: { object: 'grievance' } }))).toBe('thingId');
    expect(staffObjectParam(route({ staffLog: { object: 'poll', id: 'communityId' } }))).toBe('communityId');
    // Every declared parameter is one of the path's. A route with no path parameter (创建街道) has its object
    // named by its service (`noteStaffChange`): the object it creates.
    for (const r of staffLoggedRoutes(ALL_ROUTES).filter((r) => r.path.includes('{')))
      expect(r.path).toContain(`{${staffObjectParam(r)}}`);
  });
});
