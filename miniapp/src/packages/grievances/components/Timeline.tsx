import { Text, View } from '@tarojs/components';
import { ACTION_LABELS, LEVEL_LABELS, type TimelineEntry } from '@linli/shared';
import { formatDateTime } from '@/lib/format';
import { cx } from '@/lib/classNames';

const ROLE_LABELS: Record<TimelineEntry['actor']['role'], string> = {
  reporter: '',
  resident: '',
  gridWorker: '网格员',
  committee: '居委会',
  street: '街道',
  admin: '管理员',
  system: '',
};

function what(e: TimelineEntry): string {
  if (e.action === 'escalate' || e.action === 'reopen')
    return `${ACTION_LABELS[e.action]} → ${LEVEL_LABELS[e.toLevel]}`;
  return ACTION_LABELS[e.action];
}

/** Every step of a case, oldest first: what happened, who did it, when, and what they said. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <View className="grv-timeline" data-testid="timeline">
      {entries.map((e) => (
        <View
          key={e.seq}
          className={cx('grv-timeline__item', e.actor.role === 'system' && 'grv-timeline__item--system')}
          data-testid={`timeline-${e.action}`}
        >
          <Text className="grv-timeline__what">{what(e)}</Text>
          {e.note && <Text className="grv-timeline__note">{e.note}</Text>}
          <Text className="grv-timeline__meta">
            {e.actor.name}
            {ROLE_LABELS[e.actor.role] ? `（${ROLE_LABELS[e.actor.role]}）` : ''} · {formatDateTime(e.at)}
          </Text>
          {e.proxyBy && (
            <Text className="grv-timeline__note" data-testid="timeline-proxy">
              {e.proxyBy}代办
            </Text>
          )}
        </View>
      ))}
    </View>
  );
}
