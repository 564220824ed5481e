// `npm run openapi`: writes docs/openapi.json (OpenAPI 3.1) from the shared zod contracts, and the
// TypeScript paths openapi-typescript generates from it for the api tier's generated client.
// `npm run openapi -- --check` exits 1 when either file is stale (the unit test says the same).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registry, toJSONSchema, type $ZodType, type JSONSchema } from 'zod/v4/core';
import * as shared from '@linli/shared';
import {
  API,
  answersOf,
  pathParamNames,
  ROLE_LABELS,
  takesBody,
  type ApiContext,
  type RateLimitClass,
  type RouteAnswer,
  type RouteContract,
} from '@linli/shared';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DOCUMENT_PATH = join(ROOT, 'docs', 'openapi.json');
export const TYPES_PATH = join(ROOT, 'functions', 'test', 'api', 'openapi.generated.ts');

type Schema = JSONSchema.BaseSchema & Record<string, unknown>;
type Json = Record<string, unknown>;

/** What each Lambda's routes are about, as the document's tags. */
const TAGS: Record<ApiContext, string> = {
  identity: '登录、会话、我的资料、隐私、房屋绑定申请',
  personalData: '个人数据导出与注销账号',
  roster: '花名册、网格与楼栋、绑定审核、邀请码、工作人员任命',
  rosterTransfer: '花名册（台账）导入与导出',
  notifications: '站内信、订阅消息授权、通知设置、社区公告、未送达通知',
  grievances: '诉求：提交、查重、附议、列表与详情、留言与内部备注',
  grievanceSteps: '诉求办理：受理、承诺、办结、转办、上报、评价、撤回',
  grievanceOversight: '诉求：配置、看板、群众性评议、人工复核',
  grievanceLedger: '诉求台账导出',
  contentCheck: '微信消息推送：内容安全异步检测结果',
  moderation: '举报与内容审核：居民举报、审核队列（举报与待人工复核）、恢复或移除、审核记录',
  volunteer: '志愿活动、报名与候补、签到签退、时长确认、服务队、光荣榜',
  timebank: '爱心时间银行：积分钱包、捐赠、兑换、核销、账本、对账、冲正',
  timebankStreet: '时间银行通存通兑：本街道其他社区的爱心基金与商品、跨社区捐赠、兑换与取消',
  timebankExport: '积分账本导出',
  agora: '议事厅：议题列表与详情、居民提议与附议、受理提议、征询小结、落实承诺、议事设置',
  agoraPolls: '议事厅：发起议题、预览选民名册、设定表决',
  agoraComments: '议事厅：征询意见',
  agoraSchedule: '议事厅：提前结束或延长投票',
  agoraVoting: '议事厅：投票与核验、纸质票代录、各户投票情况、冲突核实、复核计票、导出结果',
  agoraArchive: '议事厅：打印表决票、按编码核对表决票、表决归档 zip 与保存年限',
  ownerProxies: '业主表决的书面委托：委托与撤销、委托书核验、受托人代为投票、代录受托人选票',
  budget: '民生微实事：预算轮次与阶段推进、预算内投票与核验',
  budgetProjects: '民生微实事：项目照片、点单与附议、项目详情、审核筛选、评议、公示期异议',
  budgetDelivery: '民生微实事：实施进度、完工、验收评价、公开台账',
  home: '首页：待我处理（待投票、待评价、诉求进展、临近的活动、待领取、未读通知、工作人员待办）',
  proxy: '亲情代办：为没有智能手机的居民代办（开始与结束、代办记录、居民的开关）',
  public: '社区公开信息（登录前）：社区列表、全社区通知、已公示的表决结果、公开诉求',
  streets: '街道与社区开通：首位管理员（初始化代码）、创建街道与社区、工作人员邀请码',
  ownerRegistry: '业主名册：不动产登记摘录导入（预览与写入）、业主核对本人名册信息',
  streetConsole: '街道工作台：上报到街道的诉求、三率（按社区、网格、月份）、街道诉求台账导出',
  streetWide: '街道通知（全街道或所选社区的全体居民）与触达、时间银行通存通兑的街道对账',
  streetAgora: '街道议事：向所选社区各开一场社区表决，按社区汇总结果',
};

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  400: '请求内容有误：`error.fields` 指出每个有问题的字段（`params.*`、`query.*`、`body.*`）和中文说明',
  401: '未登录、登录已过期，或凭证（登录 code、刷新令牌、微信签名）无效',
  403: '没有权限：角色不被允许（按路径中的社区判断），或不是该对象的本人、办理人、负责人',
  404: '找不到路径或请求中指明的对象（或它不属于调用者可见的范围）',
  409: '对象当前的状态不允许此操作，或与同时进行的操作冲突：刷新后重试',
  413: '请求体超过 256 KB',
  415: '请求体必须以 `application/json` 提交',
  429: '操作太频繁：`Retry-After` 秒后再试（限频路由每个应答都带 `RateLimit-*` 额度头）',
  500: '系统内部错误（已记录，按 `error.correlationId` 可查）',
  503: '数据库暂时不可用或繁忙：`Retry-After` 秒后再试',
};

const RATE_LIMIT_WORDS: Record<Exclude<RateLimitClass, 'none'>, string> = {
  signIn: '每个来源 IP 每分钟 20 次登录',
  public: '每个来源 IP 每分钟 60 次公开查询',
  write: '每位用户每分钟 120 次写操作',
};

const RATE_LIMITS: Record<RateLimitClass, Json> = {
  signIn: { class: 'signIn', per: 'source IP', perMinute: 20, setting: 'RATE_LIMIT_SIGN_IN_PER_MINUTE' },
  public: { class: 'public', per: 'source IP', perMinute: 60, setting: 'RATE_LIMIT_PUBLIC_PER_MINUTE' },
  write: { class: 'write', per: 'user', perMinute: 120, setting: 'RATE_LIMIT_WRITES_PER_MINUTE' },
  none: { class: 'none' },
};

// ─── schemas ─────────────────────────────────────────────────────────────────────────────────

const defOf = (s: unknown) => (s as $ZodType)._zod.def as unknown as Json & { type: string };

/** A pipe whose input side transforms (trim, normalise, upper-case) before the checks of its output side. */
function transformsFirst(schema: unknown): boolean {
  const def = defOf(schema);
  if (def.type === 'transform') return true;
  if (def.type === 'pipe') return transformsFirst(def.in) || transformsFirst(def.out);
  return false;
}

/**
 * The longest string an anchored pattern admits, when it is bounded: literals, escapes, classes and
 * groups with `?`, `{n}` or `{m,n}`, and alternation. `*`, `+` or `{m,}` anywhere make it unbounded.
 * E.g. `^[\w-]{8,64}$` → 64, `^\d{4}-(0[1-9]|1[0-2])$` → 7.
 */
export function patternMaxLength(pattern: string): number | undefined {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return undefined;
  let i = 1;
  const end = pattern.length - 1;
  // Returns the longest match of an alternation up to `)` or the end; Infinity when unbounded.
  const alternation = (): number => {
    let best = 0;
    let current = 0;
    while (i < end) {
      const c = pattern[i]!;
      if (c === ')') break;
      if (c === '|') {
        best = Math.max(best, current);
        current = 0;
        i++;
        continue;
      }
      let atom: number;
      if (c === '(') {
        i++;
        if (pattern.startsWith('?:', i)) i += 2;
        atom = alternation();
        if (pattern[i] !== ')') return Infinity;
        i++;
      } else if (c === '[') {
        const close = pattern.indexOf(']', pattern[i + 1] === ']' ? i + 2 : i + 1);
        if (close < 0) return Infinity;
        // an escaped ] inside a class is rare in these contracts; treat the class as one character
        i = close + 1;
        atom = 1;
      } else if (c === '\\') {
        i += 2;
        atom = 1;
      } else if (c === '*' || c === '+') {
        return Infinity;
      } else {
        i++;
        atom = 1;
      }
      const q = pattern[i];
      if (q === '*' || q === '+') return Infinity;
      if (q === '?') {
        i++;
      } else if (q === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
        if (!m) return Infinity;
        if (m[2] !== undefined && m[3] === '') return Infinity;
        atom *= Number(m[3] ?? m[1]);
        i += m[0].length;
      }
      current += atom;
    }
    return Math.max(best, current);
  };
  const max = alternation();
  return i === end && Number.isFinite(max) ? max : undefined;
}

function walk(node: unknown, visit: (schema: Schema) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (!node || typeof node !== 'object') return;
  visit(node as Schema);
  for (const value of Object.values(node)) walk(value, visit);
}

/**
 * zod's own JSON Schema (2020-12, OpenAPI 3.1's dialect). A request's text fields are documented with
 * the checks they pass after trimming and normalising (zod's input side of such a pipe is a bare
 * string); lengths implied by an id's pattern are written out; integers name their width.
 */
export function jsonSchema(schema: unknown, io: 'input' | 'output'): Schema {
  return tidy(toJSONSchema(schema as $ZodType, options(io)) as Schema);
}

function options(io: 'input' | 'output') {
  return {
    target: 'draft-2020-12' as const,
    io,
    unrepresentable: 'any' as const,
    override: (ctx: { zodSchema: $ZodType; jsonSchema: JSONSchema.BaseSchema }) => {
      if (io !== 'input' || ctx.zodSchema._zod.def.type !== 'pipe' || !transformsFirst(ctx.zodSchema)) return;
      const checked = jsonSchema((ctx.zodSchema._zod.def as unknown as { out: unknown }).out, 'input');
      for (const key of ['type', 'minLength', 'maxLength', 'pattern', 'format', 'enum', 'const'] as const)
        if (checked[key] !== undefined && (ctx.jsonSchema as Json)[key] === undefined)
          (ctx.jsonSchema as Json)[key] = checked[key];
    },
  };
}

function tidy(out: Schema): Schema {
  delete out.$schema;
  delete out.$id;
  walk(out, (s) => {
    if (s.type === 'string' && typeof s.pattern === 'string' && s.maxLength === undefined) {
      const max = patternMaxLength(s.pattern);
      if (max !== undefined) s.maxLength = max;
    }
    if (s.type === 'integer' && s.format === undefined) {
      const fits32 =
        typeof s.minimum === 'number' &&
        typeof s.maximum === 'number' &&
        s.minimum >= -(2 ** 31) &&
        s.maximum < 2 ** 31;
      s.format = fits32 ? 'int32' : 'int64';
    }
  });
  return out;
}

const isZod = (value: unknown): value is $ZodType => !!value && typeof value === 'object' && '_zod' in value;

/**
 * Every answer schema, with the views the contracts export (`topicView` → `TopicView`) shared as
 * `components.schemas` and referenced wherever a route's answer holds one: zod's registry output
 * writes the references itself.
 */
export function responseSchemas(routes: RouteContract[]): {
  views: Record<string, Schema>;
  answers: Map<string, Schema>;
} {
  const named = registry<{ id: string }>();
  for (const [name, value] of Object.entries(shared))
    if (/View$/.test(name) && isZod(value)) named.add(value, { id: name[0]!.toUpperCase() + name.slice(1) });
  const answerKey = new Map<string, string>();
  for (const route of routes) {
    const existing = named.get(route.response as unknown as $ZodType)?.id;
    if (existing) answerKey.set(route.id, existing);
    else {
      named.add(route.response as unknown as $ZodType, { id: `answer:${route.id}` });
      answerKey.set(route.id, `answer:${route.id}`);
    }
  }
  const { schemas } = toJSONSchema(named, { ...options('output'), uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Schema>;
  };
  if (schemas.__shared) throw new Error('a schema is reused across answers without a name: export it as a …View');
  const views: Record<string, Schema> = {};
  for (const [id, schema] of Object.entries(schemas)) if (!id.startsWith('answer:')) views[id] = tidy(schema);
  const answers = new Map<string, Schema>();
  for (const [routeId, key] of answerKey)
    answers.set(routeId, key.startsWith('answer:') ? tidy(schemas[key]!) : { $ref: `#/components/schemas/${key}` });
  return { views, answers };
}

const FIELD_PROBLEM: Schema = {
  type: 'object',
  required: ['field', 'message'],
  additionalProperties: false,
  properties: {
    field: { type: 'string', description: '出错的字段，如 `body.title`、`query.limit`、`rows.3.area`' },
    message: { type: 'string', description: '给居民看的中文说明' },
  },
};

const API_ERROR: Schema = {
  type: 'object',
  description: '每个非 2xx 应答的内容',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', pattern: '^[A-Z_]{3,40}$', description: '稳定的错误码，与 HTTP 状态一起判断' },
        message: { type: 'string', description: '可直接展示给居民的中文说明' },
        fields: { type: 'array', items: { $ref: '#/components/schemas/FieldProblem' } },
        existing: {
          type: 'object',
          description: '409 `DUPLICATE`：已存在的对象（如同街道同名的社区），可直接打开它',
          required: ['kind', 'id', 'name'],
          additionalProperties: false,
          properties: {
            kind: { type: 'string', maxLength: 20 },
            id: { type: 'string', maxLength: 64 },
            name: { type: 'string', maxLength: 100 },
          },
        },
        correlationId: { type: 'string', pattern: '^[\\w-]{8,64}$', description: '本次请求的编号，日志按它查' },
      },
    },
  },
};

// ─── responses ───────────────────────────────────────────────────────────────────────────────

const int32 = (minimum: number, maximum: number) => ({ type: 'integer', format: 'int32', minimum, maximum });

/** Response headers, as `components.headers` (the keys are the header names). */
const HEADERS: Record<string, Json> = {
  'X-Correlation-Id': {
    description: '本次请求的编号：请求带了合法的 `X-Correlation-Id` 就原样返回，否则新生成',
    schema: { type: 'string', pattern: '^[\\w-]{8,64}$', maxLength: 64 },
  },
  'Retry-After': { description: '多少秒后可以重试', required: true, schema: int32(1, 3600) },
  'RateLimit-Limit': {
    description: '限频路由：本窗口（1 分钟）的额度（IETF RateLimit header fields 草案）',
    schema: int32(1, 100_000),
  },
  'RateLimit-Remaining': { description: '限频路由：本窗口还剩的次数', schema: int32(0, 100_000) },
  'RateLimit-Reset': { description: '限频路由：多少秒后额度恢复', schema: int32(1, 60) },
  'Access-Control-Allow-Origin': {
    description:
      'API Gateway 的 CORS：请求的 Origin 是 serverless.yml 中登记的后台（console）域名时才返回；小程序的 wx.request 不受 CORS 约束',
    schema: { type: 'string', format: 'uri', maxLength: 200 },
  },
};
const headerRef = (name: string) => ({ [name]: { $ref: `#/components/headers/${name}` } });
const BUDGET_HEADERS = {
  ...headerRef('RateLimit-Limit'),
  ...headerRef('RateLimit-Remaining'),
  ...headerRef('RateLimit-Reset'),
};
const COMMON_HEADERS = { ...headerRef('X-Correlation-Id'), ...headerRef('Access-Control-Allow-Origin') };

/** Error answers every route gives alike, shared as `components.responses`; a 409 names its route's codes. */
const SHARED_ERRORS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'NotFound',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  429: 'RateLimited',
  500: 'InternalError',
  503: 'Unavailable',
};

function errorResponse(status: number, codes: readonly string[]): Json {
  return {
    description: STATUS_TEXT[status],
    headers: {
      ...COMMON_HEADERS,
      // 4xx answers of a limited route come after its budget was counted (401 before it, without them).
      ...(status < 500 ? BUDGET_HEADERS : {}),
      ...(status === 429 || status === 503 ? headerRef('Retry-After') : {}),
    },
    content: {
      'application/json': {
        schema: {
          allOf: [
            { $ref: '#/components/schemas/ApiError' },
            {
              type: 'object',
              properties: {
                error: {
                  type: 'object',
                  properties: { code: codes.length === 1 ? { const: codes[0] } : { enum: [...codes] } },
                },
              },
            },
          ],
        },
      },
    },
  };
}

const sharedErrorResponses = (): Json =>
  Object.fromEntries(
    Object.entries(SHARED_ERRORS).map(([status, name]) => [
      name,
      errorResponse(Number(status), [ERROR_CODE_OF[Number(status)] as string]),
    ]),
  );

const ERROR_CODE_OF: Record<number, string> = {
  400: 'VALIDATION',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

function answerResponse(route: RouteContract, answer: RouteAnswer, answerSchema: Schema): Json {
  if (answer.status === route.successStatus) return successResponse(route, answerSchema);
  const shared = SHARED_ERRORS[answer.status];
  if (shared && answer.codes.length === 1 && answer.codes[0] === ERROR_CODE_OF[answer.status])
    return { $ref: `#/components/responses/${shared}` };
  return errorResponse(answer.status, answer.codes);
}

function successResponse(route: RouteContract, schema: Schema): Json {
  return {
    description: STATUS_TEXT[route.successStatus],
    headers: { ...COMMON_HEADERS, ...(route.rateLimit === 'none' ? {} : BUDGET_HEADERS) },
    content: { 'application/json': { schema } },
  };
}

// ─── operations ──────────────────────────────────────────────────────────────────────────────

function parameters(route: RouteContract): Json[] {
  const list: Json[] = [];
  const params = jsonSchema(route.params, 'input');
  for (const name of pathParamNames(route.path)) {
    const schema = (params.properties as Record<string, Schema> | undefined)?.[name] ?? { type: 'string' };
    list.push({ name, in: 'path', required: true, description: schema.title, schema });
  }
  const query = jsonSchema(route.query, 'input');
  const required = new Set((query.required as string[] | undefined) ?? []);
  for (const [name, schema] of Object.entries((query.properties as Record<string, Schema> | undefined) ?? {}))
    list.push({ name, in: 'query', required: required.has(name), description: schema.title, schema });
  return list;
}

function accessText(route: RouteContract): string {
  const { access } = route;
  if (access.kind === 'public') return '公开接口（不需要登录；自带凭证的接口见说明）';
  if (access.kind === 'signedIn') return '登录即可';
  return `角色（在路径中的社区内）：${access.roles.map((r) => `${ROLE_LABELS[r]}（${r}）`).join('、')}`;
}

function operation(group: ApiContext, route: RouteContract, answerSchema: Schema): Json {
  const answers = answersOf(route);
  const responses: Json = {};
  for (const answer of answers) responses[String(answer.status)] = answerResponse(route, answer, answerSchema);
  const params = parameters(route);
  const bodySchema = takesBody(route) ? jsonSchema(route.body, 'input') : undefined;
  return {
    operationId: route.id,
    summary: route.summary,
    description: `${accessText(route)}。${route.rateLimit === 'none' ? '不限频。' : `限频：${RATE_LIMIT_WORDS[route.rateLimit]}。`}`,
    tags: [group],
    ...(route.access.kind === 'public' ? { security: [{}] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(bodySchema ? { requestBody: { required: true, content: { 'application/json': { schema: bodySchema } } } } : {}),
    responses,
    'x-linli-access':
      route.access.kind === 'roles' ? { kind: 'roles', roles: [...route.access.roles] } : { kind: route.access.kind },
    'x-linli-rate-limit': RATE_LIMITS[route.rateLimit],
    ...(route.idempotencyKey ? { 'x-linli-idempotency-key': route.idempotencyKey } : {}),
    // A privileged write names the object its staff-log entry records (操作记录; docs/DEVELOPING.md).
    ...(route.staffLog ? { 'x-linli-staff-log': { object: route.staffLog.object } } : {}),
  };
}

/** The whole document, built from `API` in the contracts' order. */
export function buildOpenApiDocument(): Json {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const groups = Object.entries(API) as [ApiContext, Record<string, RouteContract>][];
  const { views, answers } = responseSchemas(groups.flatMap(([, routes]) => Object.values(routes)));
  const paths: Record<string, Json> = {};
  for (const [group, routes] of groups) {
    for (const route of Object.values(routes)) {
      const item = (paths[route.path] ??= {});
      item[route.method.toLowerCase()] = operation(group, route, answers.get(route.id)!);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Linli 邻里 API',
      version,
      summary: '社区共治小程序的后端接口：诉求、志愿与时间银行、议事厅、通知、身份与花名册',
      description:
        '由 `shared/src/**/contracts.ts` 中的 zod 契约生成（`npm run openapi`），请勿手改。\n\n' +
        '- 每个非 2xx 应答都是 `ApiError`：稳定的 `error.code`、可展示的中文 `error.message`，校验失败时带 `error.fields`。\n' +
        '- 角色按路径中的 `{communityId}` 判断：一个社区的居委会在另一个社区是陌生人（403）。\n' +
        '- `x-linli-access` 写明谁可以调用，`x-linli-rate-limit` 写明消耗哪一类频率额度。\n' +
        '- `x-linli-staff-log` 标出工作人员的特权操作：每次成功的改动都在操作记录中留下谁、何时、对象和改动前后。\n' +
        '- 写操作的 `requestId`（每次用户操作一个；`x-linli-idempotency-key` 写明字段名）让重试和连点只生效一次：' +
        '同一编号、同一请求返回第一次的结果；同一编号、内容不同的请求返回 409 `IDEMPOTENCY_MISMATCH`，不写入任何数据。',
      contact: { name: '邻里 Linli 维护者（见 README.md）' },
      license: { name: 'Proprietary', identifier: 'LicenseRef-Linli-Proprietary' },
    },
    servers: [
      {
        url: 'https://{apiDomain}',
        description: 'production or staging: the ICP-filed domain mapped to the stage’s API Gateway HTTP API',
        variables: { apiDomain: { default: 'api.linli.example.cn', description: '已备案的 API 域名' } },
        'x-internal': false,
      },
    ],
    security: [{ accessToken: [] }],
    tags: (Object.keys(TAGS) as ApiContext[]).map((name) => ({ name, description: TAGS[name] })),
    paths,
    components: {
      securitySchemes: {
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            '`POST /auth/wechat` 或 `POST /auth/refresh` 返回的 accessToken（15 分钟有效）。' +
            'A JWS following RFC8725: HS256 only (the algorithm is pinned; `none` and key confusion are refused), ' +
            'issuer, stage audience, expiry and subject checked on every request.',
        },
      },
      schemas: { ApiError: API_ERROR, FieldProblem: FIELD_PROBLEM, ...views },
      responses: sharedErrorResponses(),
      headers: HEADERS,
    },
  };
}

export const renderDocument = (doc: Json) => `${JSON.stringify(doc, null, 2)}\n`;

/** openapi-typescript's `paths` and `operations` for the document, as the api tier's client types. */
export async function renderTypes(doc: Json): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(doc as never, { alphabetize: false });
  return (
    '// Generated by `npm run openapi` (openapi-typescript) from docs/openapi.json. Do not edit.\n' +
    '/* eslint-disable */\n' +
    astToString(ast)
  );
}

async function main() {
  const check = process.argv.includes('--check');
  const doc = buildOpenApiDocument();
  const files: [string, string][] = [
    [DOCUMENT_PATH, renderDocument(doc)],
    [TYPES_PATH, await formatted(await renderTypes(doc))],
  ];
  let stale = 0;
  for (const [path, text] of files) {
    const current = (() => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return '';
      }
    })();
    if (current === text) continue;
    stale++;
    if (check) console.error(`${path} is stale: run npm run openapi`);
    else writeFileSync(path, text);
  }
  const operations = Object.values(doc.paths as Json).reduce<number>(
    (n, item) => n + Object.keys(item as Json).length,
    0,
  );
  console.log(`${check ? 'checked' : 'wrote'} docs/openapi.json (${operations} operations) and the client types`);
  if (check && stale) process.exit(1);
}

/** Prettier, so the generated types look like the rest of the tree and `format:check` passes. */
export async function formatted(source: string): Promise<string> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(TYPES_PATH)) ?? {};
  return prettier.format(source, { ...options, filepath: TYPES_PATH });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
