import { config } from './config';

/**
 * Secrets come from SSM SecureString parameters per stage, cached for five minutes per container.
 * Only the local stage may pass them as plain environment variables (a dev convenience that
 * assertSafeForStage refuses elsewhere).
 */
async function secret(
  envName: 'JWT_SECRET' | 'WECHAT_SECRET' | 'WECHAT_PUSH_TOKEN' | 'BALLOT_SECRET',
  parameterName: string,
): Promise<string> {
  const plain = process.env[envName];
  if (plain && config.isLocal) return plain;
  // Loaded on first use: the SSM client is part of the AWS SDK's cost at init otherwise, and the local stage never needs it.
  const { getParameter } = await import('@aws-lambda-powertools/parameters/ssm');
  const value = await getParameter(parameterName, { decrypt: true, maxAge: 300 });
  if (!value) throw new Error(`SSM parameter ${parameterName} is empty`);
  return value;
}

export const secrets = {
  jwt: () => secret('JWT_SECRET', config.jwtSecretParam),
  wechat: () => secret('WECHAT_SECRET', config.wechatSecretParam),
  /** The Token configured for WeChat's 消息推送, which signs every push. */
  wechatPushToken: () => secret('WECHAT_PUSH_TOKEN', `/linli/${config.stage}/wechat-push-token`),
  /** Keys the derivation of ballot ids (receipts) from voters: only a holder can find a voter's ballot to replace it. */
  ballot: () => secret('BALLOT_SECRET', config.ballotSecretParam),
};
