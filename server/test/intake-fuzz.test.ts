// Fuzzing the intake endpoints with malformed bodies: never a 5xx, always a clear error, nothing half-stored.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALERT_SOURCES, type AlertSource } from '@shared/alerts/sources/registry';
import { openIntakeServer } from './intake-server';
import { perFile } from './per-file';

const fixtureText = (name: string) => readFileSync(new URL(`../../test/fixtures/alerts/${name}.json`, import.meta.url), 'utf8');
const firing = JSON.parse(fixtureText('alertmanager-firing')) as Record<string, unknown>;
/** Every source of the registry; a real payload of each (a source without one does not compile). */
const KINDS = ALERT_SOURCES;
const grafana = JSON.parse(fixtureText('grafana-multi-value')) as Record<string, unknown> & { alerts: Array<Record<string, unknown>> };
const SAMPLES: Record<AlertSource, Record<string, unknown>> = {
  alertmanager: firing,
  grafana,
  generic: { title: 'Checkout errors', status: 'firing', dedupKey: 'checkout-5xx', severity: 'critical', value: '7%', labels: { service: 'checkout' } },
  sentry: JSON.parse(fixtureText('sentry-issue-alert')) as Record<string, unknown>,
};

describe('intake fuzz', () => {
  const host = perFile(() => openIntakeServer({ rateLimitPerMinute: 1_000_000, intakeRateLimitPerMinute: 1_000_000 }, 'fuzz'), 120_000);

  const eventCount = async () => Number((await host.backend.store.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  async function send(kind: string, body: string, contentType = 'application/json') {
    const before = await eventCount();
    const res = await host.server.app.inject({ method: 'POST', url: `/api/v1/intake/${kind}`, headers: { authorization: `Bearer ${host.token}`, 'content-type': contentType }, payload: body });
    expect(res.statusCode, `${kind} ${body.slice(0, 200)} -> ${res.body}`).toBeLessThan(500);
    const answer = res.json<{ error?: string; message?: string }>();
    if (res.statusCode >= 400) {
      expect(answer.error).toBeTruthy();
      expect(answer.message).toBeTruthy();
      expect(await eventCount()).toBe(before); // refused means nothing stored
    }
    return res;
  }

  it('a real payload of every source is accepted, and the same payload again stores no new notification', async () => {
    const notifications = async () => Number((await host.backend.store.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).where('type', '=', 'alert.notified').executeTakeFirstOrThrow()).n);
    for (const kind of KINDS) {
      const body = JSON.stringify(SAMPLES[kind]);
      expect((await send(kind, body)).statusCode, kind).toBe(200);
      const before = await notifications();
      expect((await send(kind, body)).statusCode, kind).toBe(200);
      expect(await notifications(), kind).toBe(before);
    }
  });

  it('named malformed bodies: each a 4xx naming the problem', async () => {
    let deep = '"x"';
    for (let i = 0; i < 5_000; i++) deep = `[${deep}]`;
    const cases: Array<[string, string, number, RegExp]> = [
      ['malformed JSON', '{"version": "4", ', 400, /malformed|JSON/i],
      ['empty body', '', 400, /./],
      ['wrong version', JSON.stringify({ ...firing, version: '3' }), 400, /^body\.version: expected version "4"/],
      ['missing alerts', JSON.stringify({ ...firing, alerts: undefined }), 400, /^body\.alerts:/],
      ['lone surrogate', JSON.stringify(firing).replace('HighErrorRate', 'High\\ud800ErrorRate'), 400, /surrogate/],
      ['NUL', JSON.stringify(firing).replace('HighErrorRate', 'High\\u0000ErrorRate'), 400, /NUL/],
      ['deep nesting', JSON.stringify({ ...firing, extra: 0 }).replace('"extra":0', `"extra":${deep}`), 400, /nested deeper/],
      ['oversized', JSON.stringify({ ...firing, padding: 'x'.repeat(1_100_000) }), 413, /./],
      ['not an object', '[1,2,3]', 400, /./],
      ['a string', '"firing"', 400, /./],
    ];
    for (const [name, body, status, message] of cases) {
      const res = await send('alertmanager', body);
      expect(res.statusCode, name).toBe(status);
      expect(res.json<{ message: string }>().message, name).toMatch(message);
    }
    expect((await send('alertmanager', 'version=4', 'application/x-www-form-urlencoded')).statusCode).toBe(415);
  });

  it('random JSON and mutated real payloads of every source: never a 5xx, never half-stored', async () => {
    const mutated = (sample: Record<string, unknown>) => fc.record({
      drop: fc.subarray(Object.keys(sample)),
      set: fc.dictionary(fc.constantFrom(...Object.keys(sample), 'alerts', 'version', 'status'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 }),
    }).map(({ drop, set }) => {
      const copy: Record<string, unknown> = { ...sample, ...set };
      for (const k of drop) delete copy[k];
      return JSON.stringify(copy);
    });
    const junk = (kind: AlertSource) => fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.string({ unit: 'binary', maxLength: 200 }),
      mutated(SAMPLES[kind]),
      mutated(firing),
    );
    await fc.assert(fc.asyncProperty(fc.constantFrom(...KINDS).chain((kind) => fc.tuple(fc.constant(kind), junk(kind))), async ([kind, body]) => {
      await send(kind, body);
    }), { numRuns: 150 });
  }, 120_000);

  it('new intake cases: Grafana values and valueString, generic without times; never a 5xx, and a retry of an accepted one adds no notification', async () => {
    const valueString = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.array(fc.record({ ref: fc.constantFrom('A', 'B', 'C', "B'", ''), type: fc.constantFrom('', " type='reduce'", " type='threshold'", " type='classic_condition'", " type='x"), value: fc.oneof(fc.double().map(String), fc.constantFrom('NaN', '1e309', '-0', '', 'null')) }), { maxLength: 4 })
        .map((parts) => parts.map((p) => `[ var='${p.ref}' labels={a=b}${p.type} value=${p.value} ]`).join(', ')),
    );
    const grafanaCase = fc.record({
      values: fc.oneof(fc.constant(null), fc.dictionary(fc.constantFrom('A', 'B', 'C', '__proto__', ''), fc.oneof(fc.double(), fc.constant(null), fc.string({ maxLength: 5 })), { maxKeys: 4 })),
      valueString,
    }).map(({ values, valueString: vs }) => ['grafana', JSON.stringify({ ...grafana, groupKey: `fuzz-${vs.length}`, alerts: [{ ...grafana.alerts[0], values, valueString: vs }] })] as const);
    const genericCase = fc.record({
      title: fc.oneof(fc.constant('Checkout errors'), fc.string({ maxLength: 40 })),
      status: fc.constantFrom('firing', 'resolved', 'pending'),
      dedupKey: fc.oneof(fc.constantFrom('checkout-5xx', 'k'), fc.string({ maxLength: 30 })),
      startsAt: fc.option(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 30 })), { nil: undefined }),
      endsAt: fc.option(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 30 })), { nil: undefined }),
      value: fc.option(fc.oneof(fc.double(), fc.string({ maxLength: 10 })), { nil: undefined }),
    }).map((g) => ['generic', JSON.stringify(g)] as const);
    const notifications = async () => Number((await host.backend.store.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).where('type', '=', 'alert.notified').executeTakeFirstOrThrow()).n);
    await fc.assert(fc.asyncProperty(fc.oneof(grafanaCase, genericCase), async ([kind, body]) => {
      const first = await send(kind, body);
      if (first.statusCode !== 200) return;
      const before = await notifications();
      expect((await send(kind, body)).statusCode).toBe(200);
      expect(await notifications(), `${kind} ${body.slice(0, 200)}`).toBe(before);
    }), { numRuns: 150 });
  }, 120_000);
});
