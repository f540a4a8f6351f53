// Parses untrusted request parts with zod into 400 invalid_request errors that name the field.
import type { z } from 'zod';
import { ApiError } from '../errors';

export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') ?? '';
  throw new ApiError(400, 'invalid_request', `${what}${path ? `.${path}` : ''}: ${issue?.message ?? 'invalid'}`, path ? { path } : {});
}
