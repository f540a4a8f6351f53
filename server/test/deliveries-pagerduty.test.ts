// PagerDuty Events API v2 as a channel, against a local receiver standing in for events.pagerduty.com (allowed by
// OUTBOUND_ALLOW=127.0.0.1, as an on-premises gateway would be): every body checked against PagerDuty's published
// schema (test/fixtures/pagerduty/events-v2-openapiv3.json, made strict: no field the schema does not name). An
// update triggers the service's alert for the incident, acknowledges it once a responder has acknowledged, resolves
// it once resolved, all by one dedup key; a retry sends the same event; a 400 gives up saying so; "Send test" is a
// change event, which pages no one.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEvent } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { createSyncServer, type SyncServer } from '../src/app';
import { parseOutboundAllow } from '../src/outbound/policy';
import { Commander, deliverySettings, pullAll, pushAll, until } from './delivery-fixtures';
import { startReceiver, type Received, type Receiver } from '../../test/helpers/receiver';
import { auth, inviteMember, newWorkspace, openBackend, type Backend, type Member } from './harness';

vi.setConfig({ testTimeout: 180_000 });

const specText = readFileSync(new URL('../../test/fixtures/pagerduty/events-v2-openapiv3.json', import.meta.url), 'utf8');
type Examples = Record<string, { value: unknown }>;
interface Spec {
  paths: Record<'/enqueue' | '/change/enqueue', { post: { requestBody: { content: { 'application/json': { examples: Examples } } } } }>;
  components: { responses: Record<'Success' | 'Error', { content: { 'application/json': { examples: Examples } } }> };
}
const spec = JSON.parse(specText) as Spec;
const requestExamples = (path: '/enqueue' | '/change/enqueue') => Object.values(spec.paths[path].post.requestBody.content['application/json'].examples).map((e) => e.value);
/** PagerDuty's own answers, as its schema gives them: 202 "Event processed", and an error's body. */
const reply = (name: 'Success' | 'Error') => JSON.stringify(Object.values(spec.components.responses[name].content['application/json'].examples)[0]?.value);

/** PagerDuty's schema, strict: objects take only the properties it names (custom_details stays free-form). */
function strictValidator(pointer: string): ValidateFunction {
  const doc = JSON.parse(specText) as Record<string, unknown>;
  const tighten = (node: unknown, key = ''): void => {
    if (Array.isArray(node)) { node.forEach((n) => tighten(n)); return; }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'object' && o.properties && key !== 'custom_details') o.additionalProperties = false;
    for (const [k, v] of Object.entries(o)) if (k !== 'examples' && k !== 'x-examples') tighten(v, k);
  };
  tighten(doc);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('url', /^https?:\/\/\S+$/);
  ajv.addSchema(doc, 'pagerduty');
  const validate = ajv.getSchema(`pagerduty#${pointer}`);
  if (!validate) throw new Error(`no schema at ${pointer}`);
  return validate;
}
const enqueueSchema = strictValidator('/paths/~1enqueue/post/requestBody/content/application~1json/schema');
const changeSchema = strictValidator('/paths/~1change~1enqueue/post/requestBody/content/application~1json/schema');
const valid = (validate: ValidateFunction, body: unknown) => {
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
};

const KEY = 'e93facc04764012d7bfb002500d5d1a6'; // the shape of PagerDuty's own example key (32 hex)
let receiver: Receiver;
let received: Received[];
let backend: Backend;
let server: SyncServer;
let admin: Member;
let responder: Member;
let flaky = 0;
let limited = 0;

beforeAll(async () => {
  receiver = await startReceiver((r) => {
    if (r.path.startsWith('/refusing/')) return { status: 400, contentType: 'application/json', body: '{"status":"invalid event","message":"Event object is invalid","errors":["Length of \'routing_key\' is incorrect"]}' };
    if (r.path.startsWith('/flaky/') && flaky++ === 0) return { status: 500, contentType: 'application/json', body: reply('Error') };
    // The schema lists 429 (TooManyRequests) with no body of its own: its error body stands in.
    if (r.path.startsWith('/limited/') && limited++ === 0) return { status: 429, contentType: 'application/json', body: reply('Error') };
    return { status: 202, contentType: 'application/json', body: reply('Success') };
  });
  received = receiver.received;
  backend = await openBackend('pglite');
  server = await createSyncServer({ store: backend.store, deliveries: deliverySettings({ outbound: parseOutboundAllow('127.0.0.1') }) });
  ({ admin } = await newWorkspace(server, backend.store));
  responder = await inviteMember(server.app, admin, 'bo-laptop');
  const add = (name: string, path: string) => server.app.inject({ method: 'POST', url: '/api/v1/channels', headers: auth(admin), payload: { kind: 'pagerduty', name, url: `${receiver.base}${path}/v2/enqueue`, secret: KEY } });
  for (const [name, path] of [['payments', '/pd'], ['late', '/late'], ['flaky', '/flaky'], ['limited', '/limited'], ['refusing', '/refusing']] as const) expect((await add(name, path)).statusCode).toBe(200);
});
afterAll(async () => {
  await server?.close();
  await backend?.dispose();
  await receiver?.close();
});

const outcomes = (events: IncidentEvent[], requestId: string) =>
  events.filter((e) => (e.type === 'delivery.sent' || e.type === 'delivery.failed') && e.payload.requestId === requestId);
const sentTo = (path: string) => received.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as Record<string, unknown>);

async function deliver(ic: Commander, text: string, destination: string, before: IncidentEvent[] = []) {
  const { update, request } = ic.send('stakeholders', text, [{ channel: 'pagerduty', destination }]);
  await pushAll(server.app, admin, [...before, update, request]);
  return until(`${destination} delivered or given up`, async () => {
    const done = outcomes(await pullAll(server.app, admin), request.id).find((e) => e.type === 'delivery.sent' || (e.type === 'delivery.failed' && e.payload.nextAttemptAt === null));
    return done;
  });
}

describe('PagerDuty Events API v2', () => {
  it('the strict schema the bodies are checked against takes PagerDuty\'s own example events, and refuses a field it does not name', () => {
    const examples = [...requestExamples('/enqueue').map((e) => [enqueueSchema, e] as const), ...requestExamples('/change/enqueue').map((e) => [changeSchema, e] as const)];
    expect(examples).toHaveLength(3);
    for (const [validate, example] of examples) valid(validate, example);
    const [event] = requestExamples('/enqueue') as Array<Record<string, unknown>>;
    expect(enqueueSchema({ ...event, incident_id: 'x' })).toBe(false);
  });

  it('an admin adds a service by its integration key (kept on the server); a key of the wrong shape is refused naming the field', async () => {
    const list = await server.app.inject({ method: 'GET', url: '/api/v1/channels', headers: auth(responder) });
    expect(list.json<{ channels: unknown[] }>().channels).toContainEqual(expect.objectContaining({ kind: 'pagerduty', name: 'payments', source: 'console', where: new URL(receiver.base).host }));
    expect(list.body).not.toContain(KEY);
    const bad = await server.app.inject({ method: 'POST', url: '/api/v1/channels', headers: auth(admin), payload: { kind: 'pagerduty', name: 'x', secret: 'not-a-key' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toBe('body.secret: expected the 32 letters and digits of an Events API v2 integration key');
  });

  it('triggers the incident\'s alert, acknowledges it once a responder has acknowledged, resolves it once resolved: one dedup key, each body as PagerDuty\'s schema says', async () => {
    const ic = new Commander(admin);
    const sent = await deliver(ic, 'Payments failing for 30% of checkouts.', 'payments', ic.open('Checkout errors', { severity: 'P1' }));
    expect(sent).toMatchObject({ type: 'delivery.sent', payload: { target: 'pagerduty:payments', channel: 'pagerduty', detail: `HTTP 202 from ${new URL(receiver.base).host}` } });
    const [trigger] = sentTo('/pd/v2/enqueue');
    valid(enqueueSchema, trigger);
    const dedup = `incident-console/${ic.incidentId}`;
    expect(trigger).toMatchObject({
      routing_key: KEY, event_action: 'trigger', dedup_key: dedup, client: 'Incident Console',
      payload: { summary: '[P1] Investigating: Checkout errors', severity: 'error', class: 'incident', custom_details: { update: 'Payments failing for 30% of checkouts.', Severity: 'P1' } },
    });

    // Bo, assigned the on-call role by Ada, acknowledges on his own console: PagerDuty stops escalating.
    const assigned = ic.event('role.assigned', { roleId: 'on-call-engineer', person: 'bo-laptop' });
    const ack = createEvent({ clock: new HybridClock(responder.deviceId), actor: { name: 'bo-laptop', deviceId: responder.deviceId } }, ic.incidentId, 'incident.acknowledged', { person: 'bo-laptop', roleId: 'on-call-engineer' }) as IncidentEvent;
    await pushAll(server.app, admin, [assigned]);
    await pushAll(server.app, responder, [ack]);
    await deliver(ic, 'Bo is on it: rolling back the deploy.', 'payments');
    const acknowledge = sentTo('/pd/v2/enqueue')[1];
    valid(enqueueSchema, acknowledge);
    expect(acknowledge).toEqual({ routing_key: KEY, event_action: 'acknowledge', dedup_key: dedup });

    await deliver(ic, 'Resolved: checkouts succeed again.', 'payments', [ic.event('status.changed', { from: 'investigating', to: 'resolved', reason: 'rollback done' })]);
    const resolve = sentTo('/pd/v2/enqueue')[2];
    valid(enqueueSchema, resolve);
    expect(resolve).toEqual({ routing_key: KEY, event_action: 'resolve', dedup_key: dedup });
  });

  it('an incident already acknowledged or resolved when a service first hears of it pages no one: the update goes as a change event (PagerDuty would drop an acknowledge or resolve with no open alert); an alert it holds is acknowledged and resolved', async () => {
    const actions = (dedup: string) => sentTo('/late/v2/enqueue').filter((e) => e.dedup_key === dedup).map((e) => e.event_action);
    const changesOf = (incidentId: string) => sentTo('/late/v2/change/enqueue').filter((e) => (e as { payload: { custom_details?: { incident_id?: string } } }).payload.custom_details?.incident_id === incidentId);
    const ic = new Commander(admin);
    const dedup = `incident-console/${ic.incidentId}`;
    // Bo acknowledged on his own console before anyone sent PagerDuty a word: nobody is to be woken for it now.
    const assigned = ic.event('role.assigned', { roleId: 'on-call-engineer', person: 'bo-laptop' });
    const ack = createEvent({ clock: new HybridClock(responder.deviceId), actor: { name: 'bo-laptop', deviceId: responder.deviceId } }, ic.incidentId, 'incident.acknowledged', { person: 'bo-laptop', roleId: 'on-call-engineer' }) as IncidentEvent;
    await pushAll(server.app, admin, [...ic.open('Checkout errors', { severity: 'P1' }), assigned]);
    await pushAll(server.app, responder, [ack]);
    expect((await deliver(ic, 'Bo is rolling back the deploy.', 'late')).type).toBe('delivery.sent');
    expect(actions(dedup)).toEqual([]); // no trigger: no page
    const [change] = changesOf(ic.incidentId);
    valid(changeSchema, change);
    expect(change).toMatchObject({ routing_key: KEY, payload: { summary: '[P1] Investigating: Checkout errors', custom_details: { update: 'Bo is rolling back the deploy.' } } });
    // Still no alert there: the next updates, resolved included, go as change events too.
    await deliver(ic, 'Resolved: checkouts succeed again.', 'late', [ic.event('status.changed', { from: 'investigating', to: 'resolved', reason: 'rollback done' })]);
    expect(actions(dedup)).toEqual([]);
    expect(changesOf(ic.incidentId)).toHaveLength(2);

    // Resolved before its first update (a two-minute blip): recorded on the service, nobody paged.
    const blip = new Commander(admin);
    await deliver(blip, 'Resolved: a two-minute blip.', 'late', [...blip.open('Login blip', { severity: 'P2' }), blip.event('status.changed', { from: 'investigating', to: 'resolved', reason: 'recovered' })]);
    expect(actions(`incident-console/${blip.incidentId}`)).toEqual([]);
    expect(changesOf(blip.incidentId)).toHaveLength(1);

    // An alert raised while nobody had acknowledged is resolved with the incident; reopened, it pages again.
    const back = new Commander(admin);
    const backDedup = `incident-console/${back.incidentId}`;
    await deliver(back, 'Search is down.', 'late', back.open('Search down', { severity: 'P1' }));
    await deliver(back, 'Resolved.', 'late', [back.event('status.changed', { from: 'investigating', to: 'resolved', reason: 'restarted' })]);
    await deliver(back, 'Search is down again.', 'late', [back.event('status.changed', { from: 'resolved', to: 'investigating', reason: 'down again' })]);
    expect(actions(backDedup)).toEqual(['trigger', 'resolve', 'trigger']);
    for (const body of sentTo('/late/v2/enqueue')) valid(enqueueSchema, body);
    for (const body of sentTo('/late/v2/change/enqueue')) valid(changeSchema, body);
  });

  it('a 500 or a 429 is retried with the very same event (PagerDuty folds it into the open alert: nobody is paged twice); a 400 gives up saying so', async () => {
    const ic = new Commander(admin);
    const sent = await deliver(ic, 'Card payments down.', 'flaky', ic.open('Card payments down', { severity: 'P0' }));
    expect(sent.type).toBe('delivery.sent');
    const tries = sentTo('/flaky/v2/enqueue');
    expect(tries).toHaveLength(2);
    expect(tries[1]).toEqual(tries[0]);
    valid(enqueueSchema, tries[0]);
    expect(tries[0]).toMatchObject({ event_action: 'trigger', payload: { severity: 'critical' } });

    const throttled = new Commander(admin);
    expect((await deliver(throttled, 'Card payments down.', 'limited', throttled.open('Card payments down', { severity: 'P0' }))).type).toBe('delivery.sent');
    const limitedTries = sentTo('/limited/v2/enqueue');
    expect(limitedTries).toHaveLength(2); // a 429 is tried again, with the same event
    expect(limitedTries[1]).toEqual(limitedTries[0]);

    const other = new Commander(admin);
    const refused = await deliver(other, 'Anything.', 'refusing', other.open('Refused'));
    expect(refused).toMatchObject({ type: 'delivery.failed', payload: { nextAttemptAt: null, reason: `PagerDuty: HTTP 400 from ${new URL(receiver.base).host} (bad request: the destination refused the message)` } });
    expect(JSON.stringify(refused)).not.toContain('Event object is invalid'); // no reply body comes back
  });

  it('"Send test" sends a change event (shown on the service, pages no one) and answers what PagerDuty said', async () => {
    const res = await server.app.inject({ method: 'POST', url: '/api/v1/channels/pagerduty/payments/test', headers: auth(admin), payload: {} });
    expect(res.json()).toEqual({ ok: true, detail: `HTTP 202 from ${new URL(receiver.base).host}` });
    const [change] = sentTo('/pd/v2/change/enqueue');
    valid(changeSchema, change);
    expect(change).toMatchObject({ routing_key: KEY, payload: { summary: expect.stringContaining('Test from Incident Console') } });
    expect(received.filter((r) => r.path === '/pd/v2/enqueue')).toHaveLength(3); // no trigger: nobody paged
  });
});
