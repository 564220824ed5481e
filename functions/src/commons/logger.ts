/**
 * One structured JSON logger per Lambda. Log identifiers and outcomes, never personal data:
 * no names, phones, openids or free text residents typed.
 *
 * A JSON line per entry, the shape Powertools' Logger writes (level, message, timestamp, service, sampling_rate,
 * then the extra keys; errors as name/location/message/stack), in 2 KB instead of its 26 KB: Linli used nothing
 * else of it (no Lambda context injection, sampling, buffering or child loggers). The level is LOG_LEVEL (INFO by
 * default), or Lambda's own advanced logging level when that is configured.
 */
const LEVELS = { DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, CRITICAL: 24, SILENT: 28 } as const;
type LevelName = keyof typeof LEVELS;
type Extra = Record<string, unknown>;

const levelOf = (name: string | undefined): LevelName | undefined => {
  const upper = name?.toUpperCase();
  return upper && upper in LEVELS ? (upper as LevelName) : undefined;
};

/** `file.js:12` of the first frame, as Powertools reports an error's location. */
function locationOf(stack: string | undefined): string {
  for (const line of stack?.split('\n') ?? []) {
    const m = /\(([^()]*?):(\d+?):(\d+?)\)\\?$/.exec(line);
    if (m) return `${m[1]}:${Number(m[2])}`;
  }
  return '';
}

function errorView(error: Error): Extra {
  const { name, message, stack, cause, ...rest } = error as Error & { cause?: unknown };
  return {
    name,
    location: locationOf(stack),
    message,
    stack,
    cause: cause instanceof Error ? errorView(cause) : cause,
    ...rest,
  };
}

/** JSON that survives what a log call may hold: errors, bigints, cycles. */
function serialise(entry: Extra): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(entry, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Error) return errorView(value);
    if (value && typeof value === 'object') {
      if (seen.has(value)) return '[Circular]';
      seen.add(value);
    }
    return value;
  });
}

export class Logger {
  private threshold: number;

  constructor(
    private readonly service: string,
    level: string | undefined,
  ) {
    this.threshold = LEVELS[levelOf(process.env.AWS_LAMBDA_LOG_LEVEL) ?? levelOf(level) ?? 'INFO'];
  }

  setLogLevel(level: string): void {
    const name = levelOf(level);
    if (!name) throw new Error(`Invalid log level: ${level}`);
    this.threshold = LEVELS[name];
  }

  getLevelName(): LevelName {
    return (Object.keys(LEVELS) as LevelName[]).find((name) => LEVELS[name] === this.threshold) ?? 'INFO';
  }

  debug(message: string, extra?: Extra): void {
    this.write('DEBUG', message, extra);
  }
  info(message: string, extra?: Extra): void {
    this.write('INFO', message, extra);
  }
  warn(message: string, extra?: Extra): void {
    this.write('WARN', message, extra);
  }
  error(message: string, extra?: Extra): void {
    this.write('ERROR', message, extra);
  }

  private write(level: Exclude<LevelName, 'SILENT'>, message: string, extra: Extra | undefined): void {
    if (LEVELS[level] < this.threshold) return;
    const traceId = process.env._X_AMZN_TRACE_ID?.split(';')[0]?.replace('Root=', '');
    const line = serialise({
      level,
      message,
      timestamp: new Date().toISOString(),
      service: this.service,
      sampling_rate: 0,
      ...(traceId ? { xray_trace_id: traceId } : {}),
      ...extra,
    });
    (LEVELS[level] >= LEVELS.WARN ? process.stderr : process.stdout).write(`${line}\n`);
  }
}

export const logger = new Logger('linli', process.env.LOG_LEVEL);
