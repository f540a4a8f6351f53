// Builds the events a console records when a commander sends an update (update.posted + delivery.requested
// in one action), in a device's name, for the delivery tests.
import { ACK_RULE } from '@shared/incident/acknowledgement';
import type { FastifyInstance } from 'fastify';
import { createEvent, newId } from '@shared/incident/create';
import type { IncidentEvent, PayloadInput } from '@shared/incident/events';
import type { DeliveryTarget, StatusPageFields } from '@shared/incident/events-delivery';
import { HybridClock } from '@shared/hlc/hlc';
import type { DeliverySettings } from '../src/deliveries/types';
import { DENY_INTERNAL } from '../src/outbound/policy';
import { pull, push, type Member } from './harness';

export function deliverySettings(overrides: Partial<DeliverySettings> = {}): DeliverySettings {
  return {
    mailFrom: 'Incident Console <incidents@example.test>', publicUrl: 'http://status.example.test',
    pollMs: 50, concurrency: 16, perDestination: 2, leaseMs: 10_000, retryBaseMs: 100, retryMaxMs: 1_000, maxAttempts: 3, sendTimeoutMs: 3_000,
    webhooks: new Map(), outbound: DENY_INTERNAL, ...overrides,
  };
}

export class Commander {
  private readonly clock: HybridClock;
  readonly incidentId = newId();
  constructor(readonly member: Member, private readonly name = 'Ada') {
    this.clock = new HybridClock(member.deviceId);
  }

  event<T extends IncidentEvent['type']>(type: T, payload: PayloadInput<T>): IncidentEvent {
    return createEvent({ clock: this.clock, actor: { name: this.name, deviceId: this.member.deviceId } }, this.incidentId, type, payload) as IncidentEvent;
  }

  open(title: string, options: { drill?: boolean; severity?: string } = {}): IncidentEvent[] {
    const now = new Date().toISOString();
    return [this.event('incident.opened', { title, detectedAt: now, impactStartedAt: now, drill: options.drill ?? false, severity: options.severity ?? 'P1', acknowledgementRule: ACK_RULE })];
  }

  /** What the composer records for one "Send": the update and its delivery request. */
  send(audience: string, text: string, targets: DeliveryTarget[], statusPage?: StatusPageFields): { update: IncidentEvent; request: IncidentEvent } {
    const update = this.event('update.posted', { audience, channel: 'Email', text });
    const request = this.event('delivery.requested', { updateId: update.id, targets, ...(statusPage ? { statusPage } : {}) });
    return { update, request };
  }
}

export async function pushAll(app: FastifyInstance, m: Member, events: IncidentEvent[]): Promise<void> {
  const res = await push(app, m, events);
  if (res.statusCode !== 200) throw new Error(`push failed: ${res.statusCode} ${res.body}`);
}

export async function pullAll(app: FastifyInstance, m: Member): Promise<IncidentEvent[]> {
  const out: IncidentEvent[] = [];
  let after = 0;
  for (;;) {
    const res = await pull(app, m, after, 1000);
    const page = res.json<{ events: IncidentEvent[]; cursor: number; hasMore: boolean }>();
    out.push(...page.events);
    after = page.cursor;
    if (!page.hasMore) return out;
  }
}

/** Poll (bounded) until `check` returns a value. */
export async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, tries = 1200, everyMs = 50): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Push `events` and wait until the server recorded `request` (a delivery.requested among them, or already pushed) as sent. */
export async function pushUntilSent(app: FastifyInstance, m: Member, events: IncidentEvent[], request: IncidentEvent): Promise<void> {
  await pushAll(app, m, events);
  await until('published', async () => (await pullAll(app, m)).find((e) => e.type === 'delivery.sent' && e.payload.requestId === request.id));
}

/** A post to the hosted status page as the composer records it, pushed after `first` and waited for until sent; its request. */
export async function publishStatus(app: FastifyInstance, m: Member, ic: Commander, text: string, fields: StatusPageFields, first: IncidentEvent[] = []): Promise<IncidentEvent> {
  const { update, request } = ic.send('users', text, [{ channel: 'status-page' }], fields);
  await pushUntilSent(app, m, [...first, update, request], request);
  return request;
}
