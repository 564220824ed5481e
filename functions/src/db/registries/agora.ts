import { registry } from '../registry';
import { ballotsOfPoll } from '../entities/ballot';
import { votersOf, votesOf } from '../entities/participation';
import { pollsClosingBy, proposalsOf, topicsInBucket } from '../entities/topic';
import { commentsBy, commentsOfTopic } from '../entities/topicComment';
import { supportsBy } from '../entities/topicSupport';
import { conflictsOf } from '../entities/voteConflict';

/** 议事厅: topics, their deliberation, votes and ballots. */
export const agora = registry('agora', {
  topicsInBucket,
  pollsClosingBy,
  commentsOfTopic,
  votersOf,
  conflictsOf,
  ballotsOf: ballotsOfPoll,
  votesOf,
  commentsBy,
  supportsBy,
  proposalsOf,
});
