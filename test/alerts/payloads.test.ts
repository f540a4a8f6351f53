// Payload parsers against notifications recorded from a real Alertmanager 0.25 (test/fixtures/alerts/*.json,
// captured by the same Prometheus + Alertmanager setup the integration test runs), plus Grafana and generic shapes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AlertNotification } from '@shared/alerts/payloads';
import { parseAlertmanager } from '@shared/alerts/sources/alertmanager';
import { parseGeneric } from '@shared/alerts/sources/generic';
import { parseGrafana } from '@shared/alerts/sources/grafana';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/alerts/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

function ok(result: ReturnType<typeof parseAlertmanager>): AlertNotification {
  if (!result.ok) throw new Error(`${result.path}: ${result.message}`);
  return result.notification;
}

describe('Alertmanager v4 payloads (recorded)', () => {
  it('firing: one alert, no end time (the zero time means "not ended"), value and source link kept', () => {
    const n = ok(parseAlertmanager(fixture('alertmanager-firing')));
    expect(n.source).toBe('alertmanager');
    expect(n.status).toBe('firing');
    expect(n.groupKey).toBe('{}:{alertname="HighErrorRate"}');
    expect(n.alerts).toHaveLength(1);
    const [a] = n.alerts;
    expect(a?.status).toBe('firing');
    expect(a?.endsAt).toBeUndefined();
    expect(a?.labels.alertname).toBe('HighErrorRate');
    expect(a?.annotations.value).toBe('7');
    expect(a?.fingerprint).toBe('cb4782c843b02d07');
    expect(a?.generatorURL).toMatch(/^http:\/\/.+\/graph\?g0\.expr=app_error_rate_percent/);
    expect(Date.parse(a?.startsAt ?? '')).toBeGreaterThan(0);
  });

  it('mixed group: one alert resolved with its end time, the other still firing', () => {
    const n = ok(parseAlertmanager(fixture('alertmanager-mixed')));
    expect(n.status).toBe('firing');
    const byPath = Object.fromEntries(n.alerts.map((a) => [a.labels.path, a]));
    expect(byPath['/checkout']?.status).toBe('resolved');
    expect(byPath['/checkout']?.endsAt).toBe('2026-12-01T17:04:42.664Z');
    expect(byPath['/login']?.status).toBe('firing');
    expect(byPath['/login']?.endsAt).toBeUndefined();
  });

  it('resolved: the group is resolved and its last alert carries endsAt', () => {
    const n = ok(parseAlertmanager(fixture('alertmanager-resolved')));
    expect(n.status).toBe('resolved');
    expect(n.alerts.every((a) => a.status === 'resolved' && a.endsAt !== undefined)).toBe(true);
  });

  it('truncated: max_alerts cut the group, the count of dropped alerts is kept', () => {
    const n = ok(parseAlertmanager(fixture('alertmanager-truncated')));
    expect(n.alerts).toHaveLength(1);
    expect(n.truncatedAlerts).toBe(1);
  });

  it('keeps unknown extra fields of an alert instead of refusing them', () => {
    const body = fixture('alertmanager-firing');
    const alerts = body.alerts as Array<Record<string, unknown>>;
    alerts[0] = { ...alerts[0], silenceURL: 'http://am/silence', custom: { team: 'payments' } };
    const n = ok(parseAlertmanager({ ...body, somethingNew: true }));
    expect(n.alerts[0]?.extra).toEqual({ silenceURL: 'http://am/silence', custom: { team: 'payments' } });
  });

  it.each([
    ['wrong version', (b: Record<string, unknown>) => ({ ...b, version: '3' }), 'version', 'expected version "4"'],
    ['missing groupKey', (b: Record<string, unknown>) => { const { groupKey: _g, ...rest } = b; return rest; }, 'groupKey', ''],
    ['no alerts', (b: Record<string, unknown>) => ({ ...b, alerts: [] }), 'alerts', 'at least one alert'],
    ['bad status', (b: Record<string, unknown>) => ({ ...b, alerts: [{ ...(b.alerts as object[])[0], status: 'pending' }] }), 'alerts[0].status', ''],
    ['bad startsAt', (b: Record<string, unknown>) => ({ ...b, alerts: [{ ...(b.alerts as object[])[0], startsAt: 'yesterday' }] }), 'alerts[0].startsAt', 'RFC 3339'],
    ['label not a string', (b: Record<string, unknown>) => ({ ...b, alerts: [{ ...(b.alerts as object[])[0], labels: { alertname: 5 } }] }), 'alerts[0].labels.alertname', ''],
    ['lone surrogate', (b: Record<string, unknown>) => ({ ...b, receiver: 'x\uD800y' }), 'receiver', 'surrogate'],
    ['NUL character', (b: Record<string, unknown>) => ({ ...b, alerts: [{ ...(b.alerts as object[])[0], annotations: { summary: 'a\u0000b' } }] }), 'alerts[0].annotations.summary', 'NUL'],
  ])('refuses %s with the path of the problem', (_name, mutate, path, message) => {
    const result = parseAlertmanager(mutate(fixture('alertmanager-firing')));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.path).toBe(path);
    expect(result.message).toContain(message);
  });

  it('refuses deep nesting without overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const result = parseAlertmanager({ ...fixture('alertmanager-firing'), extra: deep });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('nested deeper than') });
  });
});

describe('Grafana v1 payloads', () => {
  const grafana = {
    receiver: 'incident-console', status: 'firing', orgId: 1, version: '1', state: 'alerting',
    title: '[FIRING:1] HighErrorRate', message: 'Error rate high', groupKey: '{}/{}:{alertname="HighErrorRate"}', truncatedAlerts: 0,
    groupLabels: { alertname: 'HighErrorRate' }, commonLabels: { alertname: 'HighErrorRate' }, commonAnnotations: {},
    externalURL: 'http://grafana:3000/',
    alerts: [{
      status: 'firing', labels: { alertname: 'HighErrorRate', grafana_folder: 'app' }, annotations: { summary: 'Error rate high' },
      startsAt: '2026-12-01T10:00:00Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://grafana:3000/alerting/grafana/abc/view',
      fingerprint: 'a1b2c3', silenceURL: 'http://grafana:3000/alerting/silence/new', dashboardURL: '', panelURL: '',
      values: { B: 7.2 }, valueString: "[ var='B' labels={} value=7.2 ]",
    }],
  };

  it('reads the title, the alert and its single value', () => {
    const r = parseGrafana(grafana);
    if (!r.ok) throw new Error(r.message);
    expect(r.notification.title).toBe('[FIRING:1] HighErrorRate');
    expect(r.notification.alerts[0]?.reportedValue).toBe(7.2);
    expect(r.notification.alerts[0]?.extra).toMatchObject({ silenceURL: 'http://grafana:3000/alerting/silence/new' });
  });

  it('refuses an Alertmanager body sent to the Grafana intake (version)', () => {
    expect(parseGrafana(fixture('alertmanager-firing'))).toMatchObject({ ok: false, path: 'version', message: expect.stringContaining('"1"') });
  });
});

describe('generic payloads', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  it('one alert per dedup key; the title becomes the alert name; a resolution without endsAt ends now', () => {
    const r = parseGeneric({ title: 'Checkout errors', status: 'resolved', dedupKey: 'checkout-5xx', severity: 'critical', value: '7%', sourceUrl: 'https://grafana/d/x' }, now);
    if (!r.ok) throw new Error(r.message);
    const [a] = r.notification.alerts;
    expect(r.notification.groupKey).toBe('checkout-5xx');
    expect(a?.labels).toMatchObject({ alertname: 'Checkout errors', severity: 'critical' });
    expect(a?.annotations.value).toBe('7%');
    expect(a?.endsAt).toBe('2026-12-01T12:00:00.000Z');
    expect(a?.generatorURL).toBe('https://grafana/d/x');
  });

  it('names the missing field', () => {
    expect(parseGeneric({ title: 'x', status: 'firing' }, now)).toMatchObject({ ok: false, path: 'dedupKey' });
  });
});
