import { agoraTopicRoutes } from './contracts';
import { agoraRoutes } from './routes';
import { agoraTabRoutes } from './tabRoutes';

describe('the 议事 tab routes', () => {
  it('are the very objects the agora Lambda and agoraRoutes serve, at their places', () => {
    for (const group of [agoraTopicRoutes, agoraRoutes]) {
      const keys = Object.keys(group);
      for (const [name, route] of Object.entries(agoraTabRoutes)) {
        expect(group[name as keyof typeof group]).toBe(route);
      }
      // The router takes the first route whose path matches: the order is the one written in contracts.ts.
      expect(keys[0]).toBe('listTopics');
      expect(keys.slice(-2)).toEqual(['getSettings', 'updateSettings']);
    }
  });
});
