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
  const cached = cache.get(parameterName);
  if (cached && cached.expires > Date.now()) return cached.value;
  const value = fetchParameter(parameterName);
  cache.set(parameterName, { value, expires: Date.now() + MAX_AGE_MS });
  // A failed read is not cached: the next request asks again.
  value.catch(() => cache.delete(parameterName));
  return value;
}

const MAX_AGE_MS = 5 * 60 * 1000;
const cache = new Map<string, { value: Promise<string>; expires: number }>();
let ssm: import('@aws-sdk/client-ssm').SSMClient | undefined;

async function fetchParameter(name: string): Promise<string> {
  // Loaded on first use: the SSM client is part of the AWS SDK's cost at init otherwise, and the local stage never
  // needs it. The client straight from the SDK the runtime provides, not Powertools' Parameters (11 KB a Lambda).
  const { SSMClient, GetParameterCommand } = await import('@aws-sdk/client-ssm');
  ssm ??= new SSMClient({ region: config.region });
  const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  if (!Parameter?.Value) throw new Error(`SSM parameter ${name} is empty`);
  return Parameter.Value;
}

export const secrets = {
  jwt: () => secret('JWT_SECRET', config.jwtSecretParam),
  wechat: () => secret('WECHAT_SECRET', config.wechatSecretParam),
  /** The Token configured for WeChat's 消息推送, which signs every push. */
  wechatPushToken: () => secret('WECHAT_PUSH_TOKEN', `/linli/${config.stage}/wechat-push-token`),
  /** Keys the derivation of ballot ids (receipts) from voters: only a holder can find a voter's ballot to replace it. */
  ballot: () => secret('BALLOT_SECRET', config.ballotSecretParam),
};
