import { personalDataRoutes, proxyRouteRule } from '@linli/shared';
import { pipeline } from '../http/pipeline';

/*
 * The personalData Lambda runs the pipeline without 亲情代办 and without the staff log (personalDataHandler.ts).
 * That changes nothing only while a helper may use neither route under 代办 and neither is a logged write.
 */
describe('the personalData pipeline without 代办 and the staff log', () => {
  it.each(Object.values(personalDataRoutes).map((r) => [r.id, r] as const))(
    '%s is refused under 代办 and declares no staff log',
    (_id, route) => {
      expect(proxyRouteRule(route.id)).toBe('refused');
      expect(route).not.toHaveProperty('staffLog');
    },
  );

  it('refuses to build a Lambda with a logged route and no staff log', () => {
    const logged = { deleteMe: { ...personalDataRoutes.deleteMe, staffLog: { object: 'setting' as const } } };
    expect(() => pipeline(logged, { deleteMe: async () => ({ ok: true as const }) }, {})).toThrow(
      'identity.deleteMe declares a staff log',
    );
  });
});
