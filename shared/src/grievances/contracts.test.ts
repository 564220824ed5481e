import { fieldProblems, installChineseMessages } from '../validation/messages';
import { grievanceLambdaApi } from './contracts';
import { grievanceOversightRoutes } from './oversightContracts';
import { grievanceRoutes } from './routes';
import { grievanceStepRoutes } from './stepContracts';
import { grievanceLedgerRoutes } from './ledgerContracts';

installChineseMessages();

const submit = grievanceRoutes.submit.body;
const valid = {
  clientRequestId: '01JCLIENT0001',
  category: 'repair',
  description: '3栋1单元楼道灯不亮，晚上很黑',
  location: { kind: 'building', buildingId: 'b1' },
  visibility: 'public',
};

const problems = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) => {
  const r = schema.safeParse(value) as { success: boolean; error?: Parameters<typeof fieldProblems>[0] };
  return r.success ? [] : fieldProblems(r.error!, 'body');
};

describe('submit contract', () => {
  it('accepts a request made in under a minute, with defaults for the rest', () => {
    const parsed = submit.parse(valid);
    expect(parsed).toMatchObject({ urgency: 'normal', anonymous: false, source: 'resident', photos: [] });
  });

  it('names the field in Chinese', () => {
    expect(problems(submit, { ...valid, description: '灯坏' })).toEqual([
      { field: 'body.description', message: '问题描述至少 5 个字' },
    ]);
    expect(problems(submit, { ...valid, location: { kind: 'moon' } })[0]?.field).toBe('body.location.kind');
    expect(problems(submit, { ...valid, surprise: 1 })).toEqual([{ field: 'body', message: '不认识的字段：surprise' }]);
  });

  it('refuses ten photos and the same photo twice', () => {
    const photos = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}` }));
    expect(problems(submit, { ...valid, photos })).toEqual([{ field: 'body.photos', message: '照片最多 9 项' }]);
    expect(problems(submit, { ...valid, photos: [{ key: 'a' }, { key: 'a' }] })).toEqual([
      { field: 'body.photos', message: '同一张照片只能添加一次' },
    ]);
  });

  it('lets only public requests be anonymous, and asks for the resident on a visit log', () => {
    expect(problems(submit, { ...valid, visibility: 'private', anonymous: true })).toEqual([
      { field: 'body.anonymous', message: '只有社区公开的诉求可以匿名' },
    ]);
    expect(problems(submit, { ...valid, source: 'visit' })).toEqual([
      { field: 'body.resident', message: '走访代录请填写居民姓名' },
    ]);
    expect(problems(submit, { ...valid, resident: { name: '王' } })).toEqual([
      { field: 'body.resident', message: '只有走访代录时填写居民信息' },
    ]);
  });
});

describe('rating and export contracts', () => {
  it('asks why when 不满意', () => {
    expect(problems(grievanceRoutes.rate.body, { version: 3, rating: 'unsatisfied' })).toEqual([
      { field: 'body.comment', message: '不满意时请写明原因' },
    ]);
    expect(problems(grievanceRoutes.rate.body, { version: 3, rating: 'satisfied' })).toEqual([]);
  });

  it('asks why when content is rejected on review, and names only a description, a message or a photo', () => {
    const body = grievanceRoutes.reviewContent.body;
    expect(problems(body, { target: { kind: 'description' }, decision: 'reject' })).toEqual([
      { field: 'body.reason', message: '不通过时请写明原因' },
    ]);
    expect(problems(body, { target: { kind: 'description' }, decision: 'approve' })).toEqual([]);
    expect(
      problems(body, { target: { kind: 'message', messageId: 'm1' }, decision: 'reject', reason: '含广告' }),
    ).toEqual([]);
    expect(problems(body, { target: { kind: 'note', noteId: 'n1' }, decision: 'approve' })[0]?.field).toBe(
      'body.target.kind',
    );
  });

  it('exports at most a year, in order', () => {
    const body = grievanceLedgerRoutes.exportLedger.body;
    expect(problems(body, { from: '2026-11-30', to: '2026-11-01' })).toEqual([
      { field: 'body.to', message: '开始日期不能晚于结束日期' },
    ]);
    expect(problems(body, { from: '2025-01-01', to: '2026-11-01' })).toEqual([
      { field: 'body.to', message: '一次最多导出一年' },
    ]);
    expect(problems(body, { from: '2026-11-01', to: '2026-11-30' })).toEqual([]);
  });

  it.each([
    ['grievances', grievanceLambdaApi],
    ['grievanceSteps', grievanceStepRoutes],
    ['grievanceOversight', grievanceOversightRoutes],
  ])('%s puts fixed paths before {grievanceId}, so its router never reads "settings" as an id', (_lambda, group) => {
    const paths = Object.values(group).map((r) => `${r.method} ${r.path}`);
    const firstParam = paths.findIndex((p) => p.includes('{grievanceId}'));
    if (firstParam >= 0) for (const fixed of paths.slice(firstParam)) expect(fixed).toContain('{grievanceId}');
  });

  it('names every route of the three 诉求 Lambdas once in grievanceRoutes', () => {
    const served = [grievanceLambdaApi, grievanceStepRoutes, grievanceOversightRoutes].flatMap((g) => Object.keys(g));
    expect(new Set(served).size).toBe(served.length);
    expect(Object.keys(grievanceRoutes).sort()).toEqual([...served].sort());
  });
});
