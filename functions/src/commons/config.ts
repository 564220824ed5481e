/**
 * Configuration, read from the environment once and checked at cold start. A missing value throws
 * with its name rather than surfacing later as `undefined` in a DynamoDB key.
 */
const LOCAL_STAGES = new Set(['local']);

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`Missing environment variable ${name}`);
  return value;
}

function optional(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

const flag = (name: string) => optional(name) === '1' || optional(name) === 'true';

/**
 * Conveniences that make the local stack pleasant and must never reach a real deployment:
 * a controllable clock, plaintext secrets from the environment, `x-linli-db-ops` diagnostics.
 */
export function devConveniences() {
  return {
    controllableClock: flag('DEV_CONTROLLABLE_CLOCK'),
    plaintextSecrets:
      optional('JWT_SECRET') !== undefined ||
      optional('WECHAT_SECRET') !== undefined ||
      optional('WECHAT_PUSH_TOKEN') !== undefined ||
      optional('BALLOT_SECRET') !== undefined,
    diagnostics: flag('DEV_DIAGNOSTICS'),
  };
}

export const config = {
  get stage() {
    return required('STAGE');
  },
  get isLocal() {
    return LOCAL_STAGES.has(this.stage);
  },
  get tableName() {
    return required('TABLE_NAME');
  },
  get dynamoEndpoint() {
    return optional('DYNAMODB_ENDPOINT');
  },
  get region() {
    return optional('AWS_REGION') ?? 'cn-north-1';
  },
  get mediaBucket() {
    return required('MEDIA_BUCKET');
  },
  get s3Endpoint() {
    return optional('S3_ENDPOINT');
  },
  get wechatApiBase() {
    return optional('WECHAT_API_BASE') ?? 'https://api.weixin.qq.com';
  },
  get wechatAppId() {
    return required('WECHAT_APPID');
  },
  /** SSM parameter names for secrets outside the local stage. */
  get jwtSecretParam() {
    return optional('JWT_SECRET_PARAM') ?? `/linli/${this.stage}/jwt-secret`;
  },
  get wechatSecretParam() {
    return optional('WECHAT_SECRET_PARAM') ?? `/linli/${this.stage}/wechat-secret`;
  },
  get ballotSecretParam() {
    return optional('BALLOT_SECRET_PARAM') ?? `/linli/${this.stage}/ballot-secret`;
  },
  get dev() {
    return devConveniences();
  },
};

/**
 * Refuses to start a non-local stage with any dev convenience on. Called at module scope of every
 * Lambda entry point, so a misconfigured prod deploy fails its first invocation loudly.
 */
export function assertSafeForStage(): void {
  if (config.isLocal) return;
  const on = Object.entries(devConveniences())
    .filter(([, enabled]) => enabled)
    .map(([name]) => name);
  if (on.length) throw new Error(`Stage ${config.stage} refuses to start with dev conveniences on: ${on.join(', ')}`);
}
