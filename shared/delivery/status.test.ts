// Where each update went, as the console shows it: queued until the server reports; sent wins; a retry re-queues.
import { describe, expect, it } from 'vitest';
import { createEvent } from '../incident/create';
import type { IncidentEvent, PayloadInput } from '../incident/events';
import { HybridClock } from '../hlc/hlc';
import { applyEvent, emptyDoc } from '../incident/doc';
import { projectIncident } from '../incident/project';
import { deliveriesByUpdate, pagesOf } from './status';

const incidentId = '01900000-0000-7000-8000-000000000001';
let t = Date.parse('2026-12-01T14:00:00Z');
const clock = new HybridClock('dev1', () => t);
const mk = <T extends IncidentEvent['type']>(type: T, payload: PayloadInput<T>, device = 'dev1') =>
  createEvent({ clock, actor: { name: device === 'server' ? 'Incident Console server' : 'Ada', deviceId: device }, now: () => t }, incidentId, type, payload) as IncidentEvent;

describe('deliveriesByUpdate', () => {
  const update = mk('update.posted', { audience: 'stakeholders', channel: 'Email', text: 'hello' });
  const request = mk('delivery.requested', { updateId: update.id, targets: [{ channel: 'email', list: 'stakeholders', to: ['a@example.test'] }, { channel: 'slack', destination: 'incidents' }] });

  it('lists every target as queued until the server reports', () => {
    const lines = deliveriesByUpdate([update, request]).get(update.id);
    expect(lines?.map((l) => [l.target, l.state])).toEqual([['email:stakeholders', 'queued'], ['slack:incidents', 'queued']]);
  });

  it('sent wins over an earlier failure whatever the arrival order; a failure with a next attempt is retrying', () => {
    t += 60_000;
    const failed = mk('delivery.failed', { requestId: request.id, target: 'email:stakeholders', channel: 'email', attempt: 1, reason: 'cannot reach the SMTP server', nextAttemptAt: new Date(t + 5000).toISOString() }, 'server');
    const slackFailed = mk('delivery.failed', { requestId: request.id, target: 'slack:incidents', channel: 'slack', attempt: 1, reason: 'HTTP 404', nextAttemptAt: null }, 'server');
    t += 5_000;
    const sent = mk('delivery.sent', { requestId: request.id, target: 'email:stakeholders', channel: 'email', attempt: 2, detail: '1 recipient' }, 'server');
    for (const order of [[update, request, failed, sent, slackFailed], [sent, slackFailed, failed, request, update]]) {
      const [email, slack] = deliveriesByUpdate(order).get(update.id) ?? [];
      expect(email).toMatchObject({ state: 'sent', attempt: 2, detail: '1 recipient', at: Date.parse(sent.occurredAt) });
      expect(slack).toMatchObject({ state: 'failed', reason: 'HTTP 404', nextAttemptAt: null });
    }
    expect(deliveriesByUpdate([update, request, failed]).get(update.id)?.[0]).toMatchObject({ state: 'retrying', reason: 'cannot reach the SMTP server' });

    t += 60_000;
    const retried = mk('delivery.retried', { requestId: request.id, target: 'slack:incidents' });
    expect(deliveriesByUpdate([update, request, slackFailed, retried]).get(update.id)?.[1]).toMatchObject({ state: 'queued' });
  });
});

describe('pagesOf', () => {
  it('a page is queued, then sent with the detail, then acknowledged by the paged person through its link', () => {
    const page = mk('page.requested', { roleId: 'on-call-engineer', person: 'Engineer B' });
    expect(pagesOf([page])).toEqual([expect.objectContaining({ pageId: page.id, roleId: 'on-call-engineer', person: 'Engineer B', requestedBy: 'Ada', acknowledged: null, line: expect.objectContaining({ state: 'queued', target: 'page' }) })]);
    t += 10_000;
    const sent = mk('delivery.sent', { requestId: page.id, target: 'page', channel: 'page', attempt: 1, detail: 'paged Engineer B (+44 1) via sms: HTTP 202' }, 'server');
    const other = mk('incident.acknowledged', {});
    t += 60_000;
    const ack = mk('incident.acknowledged', { person: 'Engineer B', pageId: page.id, contactId: 'c-b' }, 'server');
    for (const order of [[page, sent, other, ack], [ack, other, sent, page]]) {
      const [p] = pagesOf(order);
      expect(p?.line).toMatchObject({ state: 'sent', detail: 'paged Engineer B (+44 1) via sms: HTTP 202' });
      expect(p?.acknowledged).toEqual({ at: Date.parse(ack.occurredAt), by: 'Engineer B' });
    }
    // A page that gave up is failed with the reason until the commander retries it.
    const failedPage = mk('page.requested', { roleId: 'communications-lead' });
    const failed = mk('delivery.failed', { requestId: failedPage.id, target: 'page', channel: 'page', attempt: 1, reason: 'no one is on call', nextAttemptAt: null }, 'server');
    expect(pagesOf([page, failedPage, failed])[1]?.line).toMatchObject({ state: 'failed', reason: 'no one is on call' });
  });
});

describe('pages from the system timeline (what the console reads, so a new log entry recomputes nothing)', () => {
  it('are the pages of all the incident\'s events, log entries among them', () => {
    const opened = mk('incident.opened', { title: 'Checkout errors', detectedAt: new Date(t).toISOString(), impactStartedAt: new Date(t - 60_000).toISOString(), severity: 'P1' });
    const events: IncidentEvent[] = [opened];
    const add = (e: IncidentEvent) => { events.push(e); t += 5_000; return e; };
    add(mk('entry.added', { kind: 'note', text: 'error rate 12%' }));
    const page = add(mk('page.requested', { roleId: 'on-call-engineer', person: 'Engineer B' }));
    add(mk('entry.added', { kind: 'action', text: 'paging the on-call engineer' }));
    add(mk('delivery.sent', { requestId: page.id, target: 'page', channel: 'page', attempt: 1, detail: 'paged Engineer B via sms' }, 'server'));
    const second = add(mk('page.requested', { roleId: 'communications-lead' }));
    add(mk('delivery.failed', { requestId: second.id, target: 'page', channel: 'page', attempt: 1, reason: 'no one is on call', nextAttemptAt: null }, 'server'));
    add(mk('entry.added', { kind: 'decision', text: 'roll back' }));
    add(mk('incident.acknowledged', { person: 'Engineer B', pageId: page.id, contactId: 'c-b' }, 'server'));
    add(mk('delivery.retried', { requestId: second.id, target: 'page' }));
    const doc = emptyDoc(incidentId);
    for (const e of events) applyEvent(doc, e);
    const state = projectIncident(doc);
    const fromSystem = pagesOf(state.systemTimeline.map((e) => e.event));
    expect(fromSystem).toEqual(pagesOf(events));
    expect(fromSystem.map((p) => [p.person, p.line.state, p.acknowledged?.by ?? null])).toEqual([['Engineer B', 'sent', 'Engineer B'], [null, 'queued', null]]);
  });
});
