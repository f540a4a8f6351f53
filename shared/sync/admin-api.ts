// Typed client for the sync server's admin API (devices, revoke, invites); every answer is parsed with zod.
import { z } from 'zod';
import { createHttpClient, type FetchLike } from './http-client';
import {
  apiErrorSchema, deviceInfoSchema, inviteRequestSchema, inviteResponseSchema,
  type DeviceInfo, type DeviceRole, type InviteResponse,
} from '@shared/sync/protocol';
import { createIntegrationSchema, createdIntegrationSchema, integrationInfoSchema, type CreatedIntegration, type IntegrationInfo } from '@shared/alerts/integration-protocol';
import {
  channelInfoSchema, channelListSchema, channelTestResultSchema, createChannelSchema,
  type ChannelInfo, type ChannelKind, type ChannelTestResult, type CreateChannelInput, CONFIGURABLE_KINDS, kindWords,
} from '@shared/delivery/channels-protocol';
import { fieldMeta } from '@shared/delivery/channels/adapter';
import { adapterOf } from '@shared/delivery/channels/registry';
import { orList } from '@shared/text/or-list';
import { subscriberListSchema, subscriberSummarySchema, type SubscriberRecord, type SubscriberSummary } from '@shared/statuspage/subscribers-protocol';

export interface AdminApiOptions {
  /** '' means this page's own origin. */
  baseUrl: string;
  token: string;
  fetch: FetchLike;
  timeoutMs?: number;
}

export type AdminErrorKind = 'offline' | 'unavailable' | 'forbidden' | 'unauthorized' | 'not_found' | 'rate_limited' | 'invalid' | 'bad_response' | 'refused';

export const OFFLINE_MESSAGE = 'You are offline: invites and devices need the server';
export const FORBIDDEN_MESSAGE = 'Only admins can do this';

export class AdminApiError extends Error {
  constructor(readonly kind: AdminErrorKind, message: string, readonly status = 0, readonly code = '') {
    super(message);
    this.name = 'AdminApiError';
  }
}

export interface InviteInput {
  role?: DeviceRole;
  maxUses?: number;
  expiresInHours?: number;
  /** The person the invite is for (their name); only they join with it. */
  person?: string;
}

export interface AdminApi {
  listDevices(): Promise<DeviceInfo[]>;
  revokeDevice(id: string): Promise<string>;
  createInvite(input: InviteInput): Promise<InviteResponse>;
  listIntegrations(): Promise<IntegrationInfo[]>;
  createIntegration(name: string): Promise<CreatedIntegration>;
  revokeIntegration(id: string): Promise<string>;
  /** Any member: the workspace's outbound channels, names and kinds only. */
  listChannels(): Promise<ChannelInfo[]>;
  /** Any member: how many status-page subscribers an update about these components reaches (none: every subscriber). */
  subscriberCount(componentIds: readonly string[]): Promise<number>;
  /** Admins: how many status-page subscribers are confirmed and how many wait for their link. */
  subscriberSummary(): Promise<SubscriberSummary>;
  /** Admins: every subscriber (the export), or the one with this address. */
  listSubscribers(email?: string): Promise<SubscriberRecord[]>;
  deleteSubscriber(id: string): Promise<string>;
  /** Admins: delete every subscriber; answers how many were deleted. */
  deleteAllSubscribers(): Promise<number>;
  saveChannel(input: CreateChannelInput): Promise<ChannelInfo>;
  removeChannel(kind: ChannelKind, name: string): Promise<string>;
  /** The real result of a test message (delivered, or the exact failure). */
  testChannel(kind: ChannelKind, name: string, to?: string): Promise<ChannelTestResult>;
}

const subscriberCountSchema = z.object({ count: z.number().int().nonnegative() });

/** A refused channel in words: the kinds there are, the name's rule, or the setting by its label in the form. */
function channelProblem(kind: string, issue: z.core.$ZodIssue | undefined): string {
  const field = issue?.path[0];
  if (field === 'kind' || !adapterOf(kind)) return `Choose ${orList(CONFIGURABLE_KINDS.map(kindWords))}.`;
  if (field === 'name') return 'Name it with letters, digits and dashes, like "incidents".';
  const schema = typeof field === 'string' ? adapterOf(kind)?.settings?.shape[field as 'url'] : undefined;
  const meta = schema ? fieldMeta.get(schema) : undefined;
  if (!meta || !issue) return 'Check the kind, name and URL.';
  return meta.problem ?? `${meta.label}: ${issue.message}.`;
}

const INVITE_FIELD_MESSAGES: Record<string, string> = {
  role: 'Choose member or admin.',
  maxUses: 'Max uses must be a whole number from 1 to 1000.',
  expiresInHours: 'Expiry must be between 0.01 and 2160 hours (90 days).',
  person: 'The person’s name is 1 to 80 characters.',
};

const devicesResponseSchema = z.object({ devices: z.array(deviceInfoSchema) });
const revokeResponseSchema = z.object({ revoked: z.string() });
const integrationsResponseSchema = z.object({ integrations: z.array(integrationInfoSchema) });

function errorFor(status: number, body: unknown): AdminApiError {
  const err = apiErrorSchema.safeParse(body);
  const code = err.success ? err.data.error : '';
  const detail = err.success ? err.data.message : `HTTP ${status}`;
  if (status === 403) return new AdminApiError('forbidden', FORBIDDEN_MESSAGE, status, code);
  if (status === 401) return new AdminApiError('unauthorized', 'The server no longer accepts this device; connect again with a new invite.', status, code);
  if (status === 404) return new AdminApiError('not_found', `Not found on the server (${detail}).`, status, code);
  if (status === 429) return new AdminApiError('rate_limited', 'Too many requests; wait a minute and try again.', status, code);
  if (status === 400) return new AdminApiError('invalid', `The server refused the request: ${detail}.`, status, code);
  if (status === 502 || status === 503 || status === 504) return new AdminApiError('unavailable', 'The server is not answering right now; try again shortly.', status, code);
  return new AdminApiError('refused', `The server refused the request (${status}): ${detail}.`, status, code);
}

export function createAdminApi(options: AdminApiOptions): AdminApi {
  const request = createHttpClient({ baseUrl: options.baseUrl, token: options.token, fetch: options.fetch, timeoutMs: options.timeoutMs ?? 15_000 });

  async function call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    let status: number;
    let json: unknown;
    try {
      ({ status, body: json } = await request({ method, path, ...(body !== undefined ? { body } : {}) }));
    } catch {
      // The client rejects only when no answer arrived: no network, server down, or our timeout.
      throw new AdminApiError('offline', OFFLINE_MESSAGE);
    }
    if (status < 200 || status >= 300) throw errorFor(status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new AdminApiError('bad_response', 'The server’s answer was not understood (is this an Incident Console sync server?).', status);
    return parsed.data;
  }

  return {
    async listDevices() {
      return (await call('GET', '/devices', devicesResponseSchema)).devices;
    },
    async revokeDevice(id) {
      return (await call('POST', `/devices/${encodeURIComponent(id)}/revoke`, revokeResponseSchema)).revoked;
    },
    async createInvite(input) {
      const req = inviteRequestSchema.safeParse(input);
      if (!req.success) {
        const field = req.error.issues[0]?.path[0];
        throw new AdminApiError('invalid', INVITE_FIELD_MESSAGES[String(field)] ?? 'Check the invite’s role, uses and expiry.');
      }
      return call('POST', '/invites', inviteResponseSchema, req.data);
    },
    async listIntegrations() {
      return (await call('GET', '/integrations', integrationsResponseSchema)).integrations;
    },
    async createIntegration(name) {
      const req = createIntegrationSchema.safeParse({ name });
      if (!req.success) throw new AdminApiError('invalid', 'Name the integration (1 to 100 characters), e.g. "Alertmanager prod".');
      return call('POST', '/integrations', createdIntegrationSchema, req.data);
    },
    async revokeIntegration(id) {
      return (await call('POST', `/integrations/${encodeURIComponent(id)}/revoke`, revokeResponseSchema)).revoked;
    },
    async listChannels() {
      return (await call('GET', '/channels', channelListSchema)).channels;
    },
    async subscriberCount(componentIds) {
      const query = componentIds.length ? `?components=${encodeURIComponent(componentIds.join(','))}` : '';
      return (await call('GET', `/subscribers/count${query}`, subscriberCountSchema)).count;
    },
    async subscriberSummary() {
      return call('GET', '/subscribers/summary', subscriberSummarySchema);
    },
    async listSubscribers(email) {
      return (await call('GET', `/subscribers${email === undefined ? '' : `?email=${encodeURIComponent(email)}`}`, subscriberListSchema)).subscribers;
    },
    async deleteSubscriber(id) {
      return (await call('POST', `/subscribers/${encodeURIComponent(id)}/delete`, z.object({ deleted: z.string() }))).deleted;
    },
    async deleteAllSubscribers() {
      return (await call('POST', '/subscribers/delete-all', z.object({ deleted: z.number().int().nonnegative() }), { confirm: 'delete every subscriber' })).deleted;
    },
    async saveChannel(input) {
      const req = createChannelSchema.safeParse(input);
      if (!req.success) {
        throw new AdminApiError('invalid', channelProblem(input.kind, req.error.issues[0]));
      }
      return (await call('POST', '/channels', z.object({ channel: channelInfoSchema }), req.data)).channel;
    },
    async removeChannel(kind, name) {
      return (await call('POST', `/channels/${encodeURIComponent(kind)}/${encodeURIComponent(name)}/remove`, z.object({ removed: z.string() }))).removed;
    },
    async testChannel(kind, name, to) {
      return call('POST', `/channels/${encodeURIComponent(kind)}/${encodeURIComponent(name)}/test`, channelTestResultSchema, to ? { to } : {});
    },
  };
}
