import * as z from 'zod/mini';
import { zh } from './messages';

// Control characters other than tab/newline have no place in anything a person typed; they are
// how hostile input hides text or breaks exports, so every text field rejects them. Written as the
// pattern a field must match, so the OpenAPI document states the rule too.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FREE_OF_CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]*$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FREE_OF_CONTROL_SINGLE_LINE = /^[^\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]*$/;

/** Text a person typed: trimmed, NFC-normalised, bounded, free of control characters. */
export function text(title: string, opts: { max: number; min?: number; multiline?: boolean }) {
  const allowed = opts.multiline ? FREE_OF_CONTROL : FREE_OF_CONTROL_SINGLE_LINE;
  const normalised = z.pipe(
    z.string(zh(title)),
    z.transform((s) => s.normalize('NFC').trim()),
  );
  const bounded = z
    .string(zh(title))
    .check(
      z.minLength(opts.min ?? 1),
      z.maxLength(opts.max),
      z.regex(allowed, { error: `${title}含有不可见的控制字符` }),
      z.meta({ title }),
    );
  return z.pipe(normalised, bounded).check(z.meta({ title }));
}

/** An identifier minted by this system (ULID or deterministic hash id): picked in a form, never typed. */
export const id = (title = '编号') =>
  z.string(zh(title, 'chosen')).check(z.regex(/^[0-9A-Za-z_-]{1,64}$/), z.meta({ title }));

/** Mainland mobile number, stored normalised (11 digits). */
export const mobile = (title = '手机号') => {
  const normalised = z.pipe(
    z.string(zh(title)),
    z.transform((s) => s.replace(/[\s-]/g, '').replace(/^\+?86/, '')),
  );
  const valid = z.string(zh(title)).check(z.regex(/^1[3-9]\d{9}$/), z.meta({ title }));
  return z.pipe(normalised, valid).check(z.meta({ title }));
};

/** ISO 8601 instant with offset, as every timestamp crosses the API. */
// Bounded so a client cannot send megabytes of fraction digits (the longest real one, with nanoseconds, is 35).
export const instant = (title = '时间') =>
  z.iso.datetime({ offset: true, ...zh(title, 'chosen') }).check(z.maxLength(40), z.meta({ title }));

/** Opaque pagination cursor: base64url, as every page's nextCursor is written. */
export const cursor = z
  .optional(z.string().check(z.maxLength(2048), z.regex(/^[\w-]*$/)))
  .check(z.meta({ title: '分页游标' }));

export const pageLimit = z
  ._default(z.coerce.number(zh('每页条数')).check(z.int(), z.gte(1), z.lte(100)), 20)
  .check(z.meta({ title: '每页条数' }));

/** 138****5678 — what anyone but authorised staff sees of a phone number. */
export function maskPhone(phone: string | undefined | null): string | undefined {
  if (!phone) return undefined;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
