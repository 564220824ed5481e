import { registry } from '../registry';
import { reportsBy, reportsOfContent } from '../entities/contentReport';
import { moderationLogOf, moderationLogOfAuthor } from '../entities/moderationLogEntry';
import { moderationQueueOf } from '../entities/moderationQueueEntry';

/** 举报与内容审核: residents' reports, the staff queue and the moderation log. */
export const moderation = registry('moderation', {
  queue: moderationQueueOf,
  log: moderationLogOf,
  reportsOf: reportsOfContent,
  reportsBy,
  logOfAuthor: moderationLogOfAuthor,
});
