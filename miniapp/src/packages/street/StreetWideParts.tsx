import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { streetsApi, type StreetCommunityView } from '@linli/shared';
import { call } from '@/api';
import { Card } from '@/components/Card/Card';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { Toggle } from '@/components/Toggle/Toggle';
import { useAsync, type AsyncState } from '@/hooks/useAsync';

/* What the street office's pages that act across its communities (街道通知, 街道议事) share (this subpackage only). */

/** One id per draft, sent with every retry of it, so the server acts once (`sn…` a notice, `st…` a topic). */
export const newRequestId = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** The chosen communities' ids, or undefined when none is left out (the whole street, as the route reads it). */
export function chosenCommunities(communities: StreetCommunityView[], skipped: string[]): string[] | undefined {
  const ids = communities.map((c) => c.communityId).filter((id) => !skipped.includes(id));
  return ids.length === communities.length ? undefined : ids;
}

/** Adds or removes a community from the ones left out. */
export const toggleSkipped = (skipped: string[], communityId: string, on: boolean) =>
  on ? skipped.filter((s) => s !== communityId) : [...skipped, communityId];

/** A switch per community of the street: on = included (`testId`-community-<name>, `testId`-toggle-<id>). */
export function CommunityChooser({
  title,
  communities,
  skipped,
  onToggle,
  label,
  testId,
}: {
  title: string;
  communities: StreetCommunityView[];
  skipped: string[];
  onToggle(communityId: string, on: boolean): void;
  /** The switch's accessible name for a community. */
  label(name: string): string;
  testId: string;
}) {
  return (
    <View>
      <Text className="street__name">{title}</Text>
      {communities.map((c) => (
        <View key={c.communityId} className="street__row" data-testid={`${testId}-community-${c.name}`}>
          <Text className="street__row-text">{c.name}</Text>
          <Toggle
            checked={!skipped.includes(c.communityId)}
            onChange={(on) => onToggle(c.communityId, on)}
            label={label(c.name)}
            testId={`${testId}-toggle-${c.communityId}`}
          />
        </View>
      ))}
    </View>
  );
}

/** A form's one-line problem, read out as it appears. */
export function FormProblem({ text, testId }: { text?: string; testId: string }) {
  if (!text) return null;
  return (
    <Text className="street__error" aria-live="assertive" data-testid={testId}>
      {text}
    </Text>
  );
}

/**
 * The page of an action across the street's communities: its form for the street's communities (a street
 * without one says where to add it), then what the office has done so far (loading, empty, error states).
 * Test ids: `page-street-<name>`, `street-<name>-street`, `street-<name>-no-community`, `street-<name>-empty`.
 */
export function StreetWidePage<T>({
  name,
  streetId,
  compose,
  done,
}: {
  name: string;
  streetId: string;
  compose(communities: StreetCommunityView[]): ReactNode;
  done: {
    title: string;
    testId: string;
    state: AsyncState<{ items: T[] }>;
    listTestId: string;
    empty: string;
    children(items: T[]): ReactNode;
  };
}) {
  const street = useAsync(() => call(streetsApi.getStreet, { params: { streetId } }), [streetId]);
  return (
    <Page testId={`page-street-${name}`}>
      <AsyncView state={street} testId={`street-${name}-street`}>
        {({ communities }) =>
          communities.length === 0 ? (
            <Text className="muted" data-testid={`street-${name}-no-community`}>
              本街道还没有社区，先在街道管理中新建社区。
            </Text>
          ) : (
            compose(communities)
          )
        }
      </AsyncView>
      <Card title={done.title} testId={done.testId}>
        <AsyncView state={done.state} testId={done.listTestId}>
          {({ items }) =>
            items.length === 0 ? (
              <Text className="muted" data-testid={`street-${name}-empty`}>
                {done.empty}
              </Text>
            ) : (
              <View>{done.children(items)}</View>
            )
          }
        </AsyncView>
      </Card>
    </Page>
  );
}
