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
 * Names a field in its messages: `z.coerce.number(zh('楼层')).int()` answers "楼层不能小于 1".
 * A schema's own error map also covers its checks (min, max, regex), which carry no label of their own.
 */
export function zh(title: string) {
  return { error: (issue: Issue) => chineseMessage(issue, title) };
}

export function chineseMessage(issue: Issue, title?: string): string | undefined {
  const label = title ?? labelOf(issue);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `请填写${label === '此项' ? '此项' : label}`;
      return `${label}的格式不正确`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`;
      if (issue.origin === 'array') return `${label}至少选择 ${min} 项`;
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
