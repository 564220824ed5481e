import { agoraRoutes } from './contracts';
import { agoraTabRoutes } from './tabRoutes';

describe('the 议事 tab routes', () => {
  it('are the very objects agoraRoutes serves, at their places in it', () => {
    const keys = Object.keys(agoraRoutes);
    for (const [name, route] of Object.entries(agoraTabRoutes)) {
      expect(agoraRoutes[name as keyof typeof agoraRoutes]).toBe(route);
    }
    // The router takes the first route whose path matches: the order is the one written in contracts.ts.
    expect(keys[0]).toBe('listTopics');
    expect(keys.slice(-2)).toEqual(['getSettings', 'updateSettings']);
  });
});
