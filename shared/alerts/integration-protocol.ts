// The integration-token API shared by the server and the console's Team section.
import { z } from 'zod';
import { ALERT_SOURCES, type AlertSource } from './sources/registry';

export const createIntegrationSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'longer than 100 characters'),
});

export const integrationInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type IntegrationInfo = z.infer<typeof integrationInfoSchema>;

/** The token is in this answer only: the server keeps its hash. */
export const createdIntegrationSchema = integrationInfoSchema.extend({ token: z.string() });
export type CreatedIntegration = z.infer<typeof createdIntegrationSchema>;

/** The intake routes: one per alert source of the registry (shared/alerts/sources/registry.ts). */
export const INTAKE_KINDS = ALERT_SOURCES;
export type IntakeKind = AlertSource;

/** Where a sender posts: bearer header on the first form; the token in the path for senders that cannot set headers. */
export function intakePath(kind: IntakeKind, token?: string): string {
  return token ? `/api/v1/intake/${kind}/${token}` : `/api/v1/intake/${kind}`;
}
