// Spectral's ruleset for docs/openapi.json: the OpenAPI recommended rules and the OWASP API Security Top 10
// (2023) ruleset, loaded from node_modules (a YAML `extends:` of a package name may fetch it from the
// network; this file never does). `npm run openapi-lint` runs it with --fail-severity=warn, so every error
// and warning is either fixed in the contracts or the generator, or waived here with its reason.
import { oas } from '@stoplight/spectral-rulesets';
import owaspRuleset from '@stoplight/spectral-owasp-ruleset';

const owasp = owaspRuleset.rules;

/** Schemas of what a caller sends: request bodies and parameters (never our own answers). */
const requestStrings = [
  '$.paths[*][*].requestBody..[?(@ && @.type=="string")]',
  '$.paths[*][*].parameters[*]..[?(@ && @.type=="string")]',
];
const requestArrays = [
  '$.paths[*][*].requestBody..[?(@ && @.type=="array")]',
  '$.paths[*][*].parameters[*]..[?(@ && @.type=="array")]',
];
/** Operations that spend a per-caller budget (`x-linli-rate-limit.class` is signIn or write). */
const limited = '$.paths[*][?(@ && @["x-linli-rate-limit"] && @["x-linli-rate-limit"].class != "none")]';

/** One waiver for one place in the document: a JSON pointer, the rule, and why. */
const waive = (pointer, rule, reason) => ({
  files: [`docs/openapi.json#${pointer}`],
  rules: { [rule]: 'off' },
  reason,
});
const body = (path, method, property) =>
  `/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1').replaceAll('{', '%7B').replaceAll('}', '%7D')}/${method}/requestBody/content/application~1json/schema/properties/${property}`;

const waivers = [
  // The refresh token is a credential, not a form field: its shape is checked by the handler, which answers
  // a malformed one like a stale one (401, "sign in again"), not with a 400 naming the field.
  waive(body('/auth/refresh', 'post', 'refreshToken'), 'owasp:api4:2023-string-restricted', 'opaque credential'),
  waive(body('/auth/logout', 'post', 'refreshToken'), 'owasp:api4:2023-string-restricted', 'opaque credential'),
  // Compared for equality with the current guideline's version; any other value is a 409 with the reason.
  waive(body('/me/privacy-consent', 'post', 'version'), 'owasp:api4:2023-string-restricted', 'compared, not parsed'),
  // Storage keys the upload step issued: the handler accepts only keys under the caller's own upload prefix.
  waive(
    body('/communities/{communityId}/roster/imports', 'post', 'key'),
    'owasp:api4:2023-string-restricted',
    'issued key',
  ),
  waive(
    `${body('/communities/{communityId}/grievances', 'post', 'photos')}/items/properties/key`,
    'owasp:api4:2023-string-restricted',
    'issued key',
  ),
  waive(
    `${body('/communities/{communityId}/grievances/{grievanceId}/resolution', 'post', 'photos')}/items/properties/key`,
    'owasp:api4:2023-string-restricted',
    'issued key',
  ),
  waive(
    body('/communities/{communityId}/agora/topics/{topicId}/paper-ballots', 'post', 'photoKey'),
    'owasp:api4:2023-string-restricted',
    'issued key',
  ),
  waive(
    `${body('/communities/{communityId}/budget/rounds/{roundId}/projects', 'post', 'photoKeys')}/items`,
    'owasp:api4:2023-string-restricted',
    'issued key',
  ),
  waive(
    `${body('/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/progress', 'post', 'photoKeys')}/items`,
    'owasp:api4:2023-string-restricted',
    'issued key',
  ),
  // 民生微实事公开台账 is public by design (no sign-in, nothing that names a resident): it never answers 401.
  waive(
    '/paths/~1communities~1%7BcommunityId%7D~1budget~1accountability/get/responses',
    'owasp:api8:2023-define-error-responses-401',
    'public read',
  ),
  // WeChat's 消息推送 is WeChat's message in WeChat's format, authenticated by its signature; we bound the
  // lengths and ignore what we do not use rather than refuse a field WeChat may add or reformat.
  waive('/paths/~1wechat~1push/get/parameters/3/schema', 'owasp:api4:2023-string-restricted', "WeChat's echo string"),
  waive(body('/wechat/push', 'post', 'MsgType'), 'owasp:api4:2023-string-restricted', "WeChat's format"),
  waive(body('/wechat/push', 'post', 'Event'), 'owasp:api4:2023-string-restricted', "WeChat's format"),
  waive(body('/wechat/push', 'post', 'trace_id'), 'owasp:api4:2023-string-restricted', "WeChat's format"),
  // 社区公开信息 is read without any credential (security: none): there is nothing to answer 401 for.
  waive('/paths/~1public~1communities/get/responses', 'owasp:api8:2023-define-error-responses-401', 'no credential'),
  waive(
    '/paths/~1public~1communities~1%7BcommunityId%7D/get/responses',
    'owasp:api8:2023-define-error-responses-401',
    'no credential',
  ),
];

export default {
  extends: [
    [oas, 'recommended'],
    [owaspRuleset, 'recommended'],
  ],
  rules: {
    // Scoped to requests. Resource exhaustion is about what a caller can make the API swallow; every string
    // and array a caller sends is bounded (maxLength, derived from patterns where they bound it, maxItems).
    // Answers are our own data, bounded where it was typed in and paginated where it grows: a maxLength on
    // them would promise what no test checks.
    'owasp:api4:2023-string-limit': { ...owasp['owasp:api4:2023-string-limit'], given: requestStrings },
    'owasp:api4:2023-array-limit': { ...owasp['owasp:api4:2023-array-limit'], given: requestArrays },
    // Scoped to requests for the same reason: what we send back is described by its type and enums where it has
    // them; ids, names and text in answers have no pattern to promise.
    'owasp:api4:2023-string-restricted': { ...owasp['owasp:api4:2023-string-restricted'], given: requestStrings },
    // Scoped to operations that spend a budget. Reads spend none (`x-linli-rate-limit.class: none`): they carry
    // no RateLimit-* headers and cannot answer 429 from the API itself; API Gateway's stage throttling is the
    // limit for them.
    'owasp:api4:2023-rate-limit': {
      ...owasp['owasp:api4:2023-rate-limit'],
      given: `${limited}.responses[?(@property.match(/^(2|4)/))]`,
    },
    'owasp:api4:2023-rate-limit-responses-429': {
      ...owasp['owasp:api4:2023-rate-limit-responses-429'],
      given: `${limited}.responses`,
    },
    // Scoped to operations that take input. The few that take none (GET /me, GET /communities, …) cannot be
    // sent a wrong request, and the document says what they answer instead of a 400 they never give.
    'owasp:api8:2023-define-error-validation': {
      ...owasp['owasp:api8:2023-define-error-validation'],
      given: '$.paths[*][?(@ && (@.parameters || @.requestBody))].responses',
    },
  },
  overrides: waivers.map(({ files, rules }) => ({ files, rules })),
};
