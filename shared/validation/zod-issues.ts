// The one way to say what a zod parse refused and where: "severities[2].responseTarget: expected a duration".
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

export interface IssueWhere {
  /** What was parsed, put before the path ("plan" gives "plan.severities[2]", "body" gives "body.title"). */
  at?: string;
  /** Names a problem with the value as a whole (an empty path); defaults to `at`. */
  root?: string;
}

/** Zod's path segments as text under `at`: indexes in brackets, keys after dots ("plan.steps[3].title"). */
export function issuePath(path: readonly PropertyKey[], at = ''): string {
  let out = at;
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/** "<where>: <message>"; just the message when there is nothing to name. */
export function describeIssue(issue: Issue, where: IssueWhere = {}): string {
  const path = issue.path.length ? issuePath(issue.path, where.at) : (where.root ?? where.at ?? '');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Every issue of a refused parse, each named by its path. */
export function describeIssues(error: z.ZodError, where: IssueWhere = {}): string[] {
  return error.issues.map((issue) => describeIssue(issue, where));
}

/** The first issue, for callers that report one problem at a time (an API's 400, one bad event of many). */
export function describeFirstIssue(error: z.ZodError, where: IssueWhere = {}): string {
  const issue = error.issues[0];
  return issue ? describeIssue(issue, where) : `${where.root ?? where.at ?? 'value'}: invalid`;
}
