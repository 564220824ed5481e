import { useState } from 'react';
import {
  NOTIFICATION_EVENTS,
  SUBSCRIBE_RESULTS,
  SUBSCRIBE_TEMPLATES,
  templatesForEvents,
  type GrantView,
  type NotificationEvent,
  type TemplateKey,
  notificationApi,
} from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { newRequestId } from '@/lib/requestId';
import { requestSubscribe } from './requestSubscribe';

/** One template to ask for and the events it would tell the person about. */
export interface AskedTemplate {
  key: TemplateKey;
  title: string;
  events: string[];
}

/** The templates covering these events, each with the labels of the events it carries. */
export function describeAsk(events: readonly NotificationEvent[]): AskedTemplate[] {
  return templatesForEvents(events).map((key) => ({
    key,
    title: SUBSCRIBE_TEMPLATES[key].title,
    events: events.filter((e) => templatesForEvents([e])[0] === key).map((e) => NOTIFICATION_EVENTS[e].label),
  }));
}

/**
 * Asks for subscribe grants at a moment of intent (after submitting a request, signing up, on a poll
 * page) and reports the answer to the server, which counts one send per 允许. Call `ask` from a tap.
 */
export function useSubscribeAsk(events: readonly NotificationEvent[]) {
  const [grants, setGrants] = useState<GrantView[]>();
  const [accepted, setAccepted] = useState<boolean>();
  const asked = describeAsk(events);

  const { submit, busy, error } = useSubmit(async () => {
    const answers = await requestSubscribe(asked.map((a) => SUBSCRIBE_TEMPLATES[a.key]));
    const results = Object.fromEntries(
      asked.map((a) => {
        const answer = answers[SUBSCRIBE_TEMPLATES[a.key].id];
        return [a.key, (SUBSCRIBE_RESULTS as readonly string[]).includes(answer ?? '') ? answer : 'reject'];
      }),
    ) as Partial<Record<TemplateKey, (typeof SUBSCRIBE_RESULTS)[number]>>;
    setAccepted(Object.values(results).includes('accept'));
    setGrants((await call(notificationApi.reportGrants, { body: { requestId: newRequestId(), results } })).grants);
  });
  const ask = async () => {
    if (asked.length && !busy) await submit();
  };

  return { asked, ask, busy, grants, accepted, error };
}
