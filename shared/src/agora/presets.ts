/**
 * The decision rules a committee picks from, each naming its legal basis. Used by the tally, the
 * Lambdas and the wizard; the API contracts need only the ids and bases (rules.ts).
 */
import type { DecisionRule, RulePresetId, Threshold, VoterBasis } from './rules';

const HALF_MORE: Threshold = { fraction: { num: 1, den: 2 }, comparison: 'moreThan' };
const TWO_THIRDS: Threshold = { fraction: { num: 2, den: 3 }, comparison: 'atLeast' };
const THREE_QUARTERS: Threshold = { fraction: { num: 3, den: 4 }, comparison: 'atLeast' };

export interface RulePreset {
  label: string;
  /** The rule's source, in words a committee can quote on the notice. */
  legalBasis: string;
  /** Typical matters, shown in the wizard. */
  examples: string;
  rule: DecisionRule;
}

export const RULE_PRESETS = {
  /** 居民会议: half of the electorate must take part; a decision needs more than half of those present. */
  residentsMeeting: {
    label: '居民会议表决（过半数出席、过半数通过）',
    legalBasis:
      '《中华人民共和国城市居民委员会组织法》第十二条：居民会议必须有全体十八周岁以上的居民、户的代表或者居民小组选举的代表的过半数出席，才能举行；会议的决定，由出席人的过半数通过。',
    examples: '居民公约、社区公共事务、一户一票的议事决定',
    rule: { quorum: { heads: HALF_MORE }, approval: { kind: 'share', heads: HALF_MORE }, abstentions: 'participate' },
  },
  /** 意见征集: no quorum, the most-voted option leads; advisory. */
  consultation: {
    label: '意见征集（得票最多者领先，供参考）',
    legalBasis: '居民自治中的意见征集，结果供居委会决策参考，不具有法定表决效力。',
    examples: '活动方案选择、服务时间调整、征求意见',
    rule: { approval: { kind: 'plurality' }, abstentions: 'ignored' },
  },
  /** 业主共同决定，一般事项: 民法典 第278条 (1)–(5), (9). */
  ownersOrdinary: {
    label: '业主共同决定·一般事项（双三分之二参与、双过半同意）',
    legalBasis:
      '《中华人民共和国民法典》第二百七十八条第二款：业主共同决定事项，应当由专有部分面积占比三分之二以上的业主且人数占比三分之二以上的业主参与表决；决定第一项至第五项、第九项事项，应当经参与表决专有部分面积过半数的业主且参与表决人数过半数的业主同意。',
    examples: '制定和修改管理规约、选举业主委员会、选聘和解聘物业服务企业、使用维修资金',
    rule: {
      quorum: { heads: TWO_THIRDS, area: TWO_THIRDS },
      approval: { kind: 'share', heads: HALF_MORE, area: HALF_MORE },
      abstentions: 'participate',
    },
  },
  /** 业主共同决定，重大事项: 民法典 第278条 (6)–(8): 筹集维修资金, 改建重建 (加装电梯), 改变共有部分用途或经营. */
  ownersMajor: {
    label: '业主共同决定·重大事项（双三分之二参与、双四分之三同意）',
    legalBasis:
      '《中华人民共和国民法典》第二百七十八条第二款：业主共同决定事项，应当由专有部分面积占比三分之二以上的业主且人数占比三分之二以上的业主参与表决；决定第六项至第八项规定的事项（筹集建筑物及其附属设施的维修资金，改建、重建建筑物及其附属设施，改变共有部分的用途或者利用共有部分从事经营活动），应当经参与表决专有部分面积四分之三以上的业主且参与表决人数四分之三以上的业主同意。',
    examples: '加装电梯、筹集维修资金、改建重建、改变共有部分用途或者利用共有部分经营',
    rule: {
      quorum: { heads: TWO_THIRDS, area: TWO_THIRDS },
      approval: { kind: 'share', heads: THREE_QUARTERS, area: THREE_QUARTERS },
      abstentions: 'participate',
    },
  },
} as const satisfies Record<RulePresetId, RulePreset>;

/** How a 弃权 ballot was counted, in the words the result shows. */
export function abstentionWords(rule: DecisionRule, basis: VoterBasis): string {
  const base = basis === 'owners' ? '参与表决的人数和专有部分面积' : '参与表决的人数';
  return rule.abstentions === 'participate'
    ? `弃权票计入${base}（计入参与率和通过比例的分母），但不计为同意。`
    : '弃权票只计入参与率，不计入各选项得票比例的分母。';
}
