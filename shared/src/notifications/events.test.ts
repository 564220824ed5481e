import { NOTIFICATION_CATEGORIES, NOTIFICATION_EVENTS, type NotificationEventSpec } from './events';
import { EVENT_TEMPLATES, templatesForEvents } from './templates';

const specs = Object.entries(NOTIFICATION_EVENTS) as [string, NotificationEventSpec][];

describe('notification events', () => {
  it('each declares its category and the data fields it carries', () => {
    const undeclared = specs.filter(([, spec]) => !spec.fields).map(([event]) => event);
    expect(undeclared).toEqual([]);
    for (const [, spec] of specs) expect(Object.keys(NOTIFICATION_CATEGORIES)).toContain(spec.category);
  });

  it('never carry a ballot choice or the identity of an anonymous reporter', () => {
    // 不记名投票 and 匿名反映: a message may say that something happened, never who chose what or who reported.
    const revealing = /choice|option|ballot|vote(d|r)?$|reporter|anonymous|author|phone|openid/i;
    for (const [event, spec] of specs)
      expect({ event, leaks: (spec.fields ?? []).filter((f) => revealing.test(f)) }).toEqual({ event, leaks: [] });
  });

  it('fill WeChat templates only from fields they declare', () => {
    for (const [event, mapping] of Object.entries(EVENT_TEMPLATES)) {
      const fields = (NOTIFICATION_EVENTS as Record<string, NotificationEventSpec>)[event]?.fields ?? [];
      for (const source of Object.values(mapping!.values))
        if (source.startsWith('data.')) expect(fields).toContain(source.slice(5));
    }
  });

  it('asks once per template at a moment of intent, three at most', () => {
    expect(templatesForEvents(['binding.approved', 'binding.rejected'])).toEqual(['reviewResult']);
    expect(templatesForEvents(['binding.approved', 'broadcast.published'])).toEqual([
      'reviewResult',
      'communityNotice',
    ]);
  });
});
