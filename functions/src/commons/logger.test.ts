import { Logger } from './logger';

function capture(run: (log: Logger) => void, level = 'INFO') {
  const lines: { stream: 'out' | 'err'; entry: Record<string, unknown> }[] = [];
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push({ stream: 'out', entry: JSON.parse(String(chunk)) });
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    lines.push({ stream: 'err', entry: JSON.parse(String(chunk)) });
    return true;
  });
  try {
    run(new Logger('linli', level));
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines;
}

test('one JSON line per entry, in the shape CloudWatch queries read', () => {
  const [line] = capture((log) => log.info('poll published', { communityId: 'c1', ballots: 3 }));
  expect(line!.stream).toBe('out');
  expect(Object.keys(line!.entry)).toEqual([
    'level',
    'message',
    'timestamp',
    'service',
    'sampling_rate',
    'communityId',
    'ballots',
  ]);
  expect(line!.entry).toMatchObject({ level: 'INFO', message: 'poll published', service: 'linli', ballots: 3 });
  expect(new Date(line!.entry.timestamp as string).toISOString()).toBe(line!.entry.timestamp);
});

test('errors keep their name, message, stack and cause; cycles and bigints do not throw', () => {
  const cause = new Error('socket hang up');
  const error = Object.assign(new Error('dispatch failed', { cause }), { code: 'ECONNRESET' });
  const cyclic: Record<string, unknown> = { n: 10n };
  cyclic.self = cyclic;
  const [line] = capture((log) => log.error('dispatch failed', { error, cyclic }));
  expect(line!.stream).toBe('err');
  expect(line!.entry.error).toMatchObject({
    name: 'Error',
    message: 'dispatch failed',
    code: 'ECONNRESET',
    cause: { name: 'Error', message: 'socket hang up' },
  });
  expect((line!.entry.error as { stack: string }).stack).toContain('logger.test.ts');
  expect((line!.entry.error as { location: string }).location).toMatch(/logger\.test\.ts:\d+$/);
  expect(line!.entry.cyclic).toEqual({ n: '10', self: '[Circular]' });
});

test('entries below the level are dropped; warn and error go to stderr', () => {
  const lines = capture((log) => {
    log.debug('hidden');
    log.info('hidden too');
    log.warn('shown');
    log.setLogLevel('DEBUG');
    log.debug('now shown');
    expect(log.getLevelName()).toBe('DEBUG');
  }, 'WARN');
  expect(lines.map((l) => [l.stream, l.entry.message])).toEqual([
    ['err', 'shown'],
    ['out', 'now shown'],
  ]);
  expect(() => new Logger('linli', 'INFO').setLogLevel('LOUD')).toThrow('Invalid log level');
});
