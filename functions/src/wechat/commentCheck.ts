import type { UserItem } from '../db/entities/user';
import { ContentScene, type ContentVerdict } from './client';

/*
 * The text check a comment passes before neighbours see it, shared by 议事厅 and 民生微实事. It lives
 * apart from either feature's services so a Lambda that needs only the check does not bundle the other
 * feature's topics, comments and moderation graph with it.
 */

/** WeChat's text check (msgSecCheck), injected so tests need no WeChat. */
export type ContentCheck = (user: UserItem, text: string) => Promise<ContentVerdict['suggest']>;

export function wechatContentCheck(
  client: () => { msgSecCheck(i: { openid: string; content: string; scene: ContentScene }): Promise<ContentVerdict> },
): ContentCheck {
  return async (user, text) => {
    // Without an openid WeChat cannot check; a person reviews it instead.
    if (!user.openid) return 'review';
    try {
      return (await client().msgSecCheck({ openid: user.openid, content: text, scene: ContentScene.comment })).suggest;
    } catch {
      // WeChat unreachable: hold the comment for review rather than publish it unchecked.
      return 'review';
    }
  };
}
