// Parses untrusted request parts with zod into 400 invalid_request errors that name the field; refuses text
// a database cannot store in any request part.
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { describeTextProblem, findUnstorable } from '@shared/incident/storable-text';
import { describeFirstIssue, issuePath } from '@shared/validation/zod-issues';
import { ApiError } from '../errors';

export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const path = issuePath(result.error.issues[0]?.path ?? []);
  throw new ApiError(400, 'invalid_request', describeFirstIssue(result.error, { at: what }), path ? { path } : {});
}

/**
 * Guard for every API route (preValidation): params, query and body may not hold text a database cannot store
 * (NUL, a lone surrogate) nor nest deeper than MAX_NESTING, so no route can reach PostgreSQL with it and
 * answer 500. Routes that check their own bodies with richer errors (push: invalid_event with the index;
 * intake) keep theirs: their bodies are skipped here, their params and query are not.
 */
export function refuseUnstorableInput(skipBodyOf: (routeUrl: string) => boolean) {
  return async (request: FastifyRequest): Promise<void> => {
    const parts: Array<[string, unknown]> = [['params', request.params], ['query', request.query]];
    if (!skipBodyOf(request.routeOptions.url ?? '')) parts.push(['body', request.body]);
    for (const [what, value] of parts) {
      const bad = findUnstorable(value);
      if (bad) throw new ApiError(400, 'invalid_request', `${what}${bad.path ? `.${bad.path}` : ''}: ${describeTextProblem(bad.problem)}`, bad.path ? { path: bad.path } : {});
    }
  };
}
