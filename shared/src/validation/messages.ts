import * as z from 'zod/mini';

/**
 * Chinese validation messages a resident can read ("标题不能超过 50 个字"), instead of zod's
 * developer wording. Field labels come from `.meta({ title })` on the schema, so the message
 * names the field the way the form does.
 */
export function installChineseMessages(): void {
  z.config({ customError: chineseMessage });
}

type Issue = Parameters<NonNullable<z.core.$ZodConfig['customError']>>[0];

function labelOf(issue: Issue): string {
  const inst = (issue as { inst?: z.core.$ZodType }).inst;
  const meta = inst ? (z.globalRegistry.get(inst) as { title?: string } | undefined) : undefined;
  return meta?.title ?? '此项';
}

/**
 * How a person gives a field's value: typed (请填写…) or picked from a list, a picker or a calendar (请选择…).
 * Says what to do when the value is missing, where "格式不正确" would blame a format nobody chose.
 */
export type FieldEntry = 'typed' | 'chosen';

/**
 * Names a field in its messages: `z.coerce.number(zh('楼层')).int()` answers "楼层不能小于 1".
 * A schema's own error map also covers its checks (min, max, regex), which carry no label of their own.
 * `zh('类别', 'chosen')` asks 请选择类别 when nothing was picked.
 */
export function zh(title: string, entry: FieldEntry = 'typed') {
  return { error: (issue: Issue) => chineseMessage(issue, title, entry) };
}

/** Nothing given: absent, null or an empty string (what a form sends for a picker left untouched). */
const isMissing = (input: unknown) => input === undefined || input === null || input === '';

// Formats only a picker produces: missing one means nothing was picked.
const PICKED_FORMATS = new Set(['datetime', 'date', 'time']);

export function chineseMessage(issue: Issue, title?: string, entry: FieldEntry = 'typed'): string | undefined {
  const label = title ?? labelOf(issue);
  if (isMissing(issue.input)) {
    const picked =
      entry === 'chosen' ||
      issue.code === 'invalid_value' ||
      (issue.code === 'invalid_format' && PICKED_FORMATS.has(issue.format));
    if (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_format') {
      return `${picked ? '请选择' : '请填写'}${label}`;
    }
  }
  switch (issue.code) {
    case 'invalid_type':
      return `${label}的格式不正确`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`;
      if (issue.origin === 'array') return min <= 1 ? `请选择${label}` : `${label}至少选择 ${min} 项`;
      return issue.inclusive === false ? `${label}必须大于 ${min}` : `${label}不能小于 ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `${label}不能超过 ${max} 个字`;
      if (issue.origin === 'array') return `${label}最多 ${max} 项`;
      return issue.inclusive === false ? `${label}必须小于 ${max}` : `${label}不能大于 ${max}`;
    }
    case 'invalid_format':
      return `${label}的格式不正确`;
    case 'invalid_value':
      return `请选择有效的${label === '此项' ? '选项' : label}`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'not_multiple_of':
      return `${label}必须是 ${issue.divisor} 的倍数`;
    case 'invalid_union':
      return `${label}的格式不正确`;
    default:
      return undefined;
  }
}

/** One field's problem, as the API reports it and a form shows it. */
export interface FieldProblem {
  /** Dotted path, e.g. `body.title` or `rows.3.area`. */
  field: string;
  message: string;
}

export function fieldProblems(error: z.core.$ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}
