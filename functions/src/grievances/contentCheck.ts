import { ContentScene, WeChatApiError } from '../wechat/client';
import { wechatClient } from '../wechat/container';
import { logger } from '../commons/logger';
import { badRequest, unavailable } from '../http/errors';

/**
 * The content-security check everything residents and handlers write passes before anyone else sees
 * it: WeChat's msgSecCheck (text, answered at once) and mediaCheckAsync (images, answered later by
 * push). Injected into the services, so unit tests pass a fake instead of mocking WeChat.
 */
export interface ContentChecker {
  checkText(input: { openid?: string; text: string }): Promise<'pass' | 'review' | 'risky'>;
  /** Starts an image check; the verdict arrives as a wxa_media_check push carrying the returned trace id. */
  startImageCheck(input: { openid?: string; url: string }): Promise<string>;
}

export const wechatContentChecker: ContentChecker = {
  async checkText({ openid, text }) {
    // msgSecCheck v2 judges text against its author; an account without an openid cannot be judged, so a human reviews it.
    if (!openid) return 'review';
    const verdict = await wechatClient().msgSecCheck({ openid, content: text, scene: ContentScene.forum });
    return verdict.suggest;
  },
  async startImageCheck({ openid, url }) {
    const { traceId } = await wechatClient().mediaCheckAsync({
      openid: openid ?? 'unknown',
      mediaUrl: url,
      mediaType: 'image',
      scene: ContentScene.forum,
    });
    return traceId;
  },
};

/**
 * Checks each named text field. Risky text is refused with the field named, so the writer can change
 * it. 'review' (WeChat unsure) is stored where the text keeps a check state (descriptions, messages:
 * shown only to its author and to staff, who are the human reviewers); text that others see at once
 * must pass outright. WeChat being unreachable is a 503: nothing unchecked is stored.
 */
export async function screenTexts<K extends string>(
  {
    openid,
    fields,
    allowReview,
  }: { openid: string | undefined; fields: Partial<Record<K, string>>; allowReview: boolean },
  { checker }: { checker: ContentChecker },
): Promise<Record<K, 'pass' | 'review'>> {
  const entries = Object.entries(fields).filter((e): e is [K, string] => typeof e[1] === 'string' && e[1] !== '');
  const verdicts = await Promise.all(
    entries.map(async ([field, text]) => {
      try {
        return [field, await checker.checkText({ openid, text })] as const;
      } catch (error) {
        logger.warn('text check unavailable', {
          error: error instanceof WeChatApiError ? `${error.errcode}` : (error as Error).name,
        });
        throw unavailable();
      }
    }),
  );
  const out = {} as Record<K, 'pass' | 'review'>;
  for (const [field, verdict] of verdicts) {
    if (verdict === 'risky' || (verdict === 'review' && !allowReview)) {
      const message =
        verdict === 'risky' ? '内容可能含有违规信息，请修改后再提交' : '内容需要人工审核，请调整措辞后再提交';
      throw badRequest(message, [{ field: `body.${field}`, message }]);
    }
    out[field] = verdict;
  }
  return out;
}
