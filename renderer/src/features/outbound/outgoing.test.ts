// What one Post sends, as the preview shows it and the request carries it: public words from the plan's public
// template (never the internal title), component states carried over from the last update (never a guessed outage),
// the email subject per audience, recipients by name.
import { describe, expect, it } from 'vitest';
import { defaultPlan } from '@shared/plan/default-plan';
import { IncidentBuilder, min } from '../../../../test/fixtures/incident-builder';
import { defaultStatusPage, noSend } from './send-choice';
import { outgoing, type ComposeContext } from './outgoing';

const contacts = [
  { name: 'Chris CTO', roleIds: ['incident-commander'], email: 'cto@example.test' },
  { name: 'Dee Ops', roleIds: ['on-call-engineer'], email: 'dee@example.test' },
];
const readerTime = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

function alertIncident(): IncidentBuilder {
  const inc = new IncidentBuilder(undefined, 'Dana');
  inc.open('P1', undefined, { title: 'CheckoutHighErrorRate', acknowledgementRule: 2 });
  return inc;
}

const ctx = (inc: IncidentBuilder, audience: string, choice: ComposeContext['choice']): ComposeContext => ({
  plan: defaultPlan, state: inc.state(), audience, contacts, choice, statuspageIo: false, text: 'Internal words', byHand: 'Email', readerTime,
});

describe('outgoing', () => {
  it('a status page update carries the plan\'s public title and text, never the alert name or the stakeholder text', () => {
    const inc = alertIncident();
    const page = { ...defaultStatusPage(defaultPlan, inc.state(), 'stakeholders', min(1)), components: { payments: 'partial_outage' as const } };
    const { messages, request } = outgoing(ctx(inc, 'stakeholders', { ...noSend(page), statusPage: true }));
    expect(messages).toEqual([expect.objectContaining({
      kind: 'status-page', public: true, title: 'Service disruption',
      text: expect.stringContaining('We are investigating problems with Payment processing. We will post an update by'),
      components: [{ id: 'payments', name: 'Payment processing', state: 'partial_outage' }],
    })]);
    expect(JSON.stringify(messages)).not.toContain('CheckoutHighErrorRate');
    expect(JSON.stringify(messages)).not.toContain('Internal words');
    expect(request).toMatchObject({ publicTitle: 'Service disruption', statusPage: { body: expect.stringContaining('Payment processing') } });
  });

  it('component states start from the last update\'s, and go back to Operational once resolved; none ticked starts empty', () => {
    const inc = alertIncident();
    expect(defaultStatusPage(defaultPlan, inc.state(), 'users', min(1)).components).toEqual({});
    const update = inc.add(min(2), 'update.posted', { audience: 'users', channel: 'Status page', text: 'x' });
    inc.add(min(2), 'delivery.requested', { updateId: update.id, targets: [{ channel: 'status-page' }], publicTitle: 'Checkout problems',
      statusPage: { status: 'investigating', components: [{ id: 'payments', status: 'partial_outage' }], startedAt: new Date(min(0)).toISOString(), estimatedResolutionAt: new Date(min(60)).toISOString(), nextUpdateAt: new Date(min(30)).toISOString(), body: 'We are on it.' } });
    expect(defaultStatusPage(defaultPlan, inc.state(), 'users', min(3)).components).toEqual({ payments: 'partial_outage' });
    inc.add(min(40), 'status.changed', { to: 'resolved' });
    const resolved = defaultStatusPage(defaultPlan, inc.state(), 'users', min(41));
    expect(resolved).toMatchObject({ status: 'resolved', components: { payments: 'operational' } });
    // The incident keeps the public title it was given.
    const { messages } = outgoing(ctx(inc, 'users', { ...noSend(resolved), statusPage: true }));
    expect(messages[0]).toMatchObject({ kind: 'status-page', title: 'Checkout problems', text: 'This incident is resolved: service is back to normal for Payment processing. Thank you for your patience.' });
  });

  it('each audience\'s email has its subject and its recipients by name: the public one never sees the internal title', () => {
    const inc = alertIncident();
    const page = defaultStatusPage(defaultPlan, inc.state(), 'stakeholders', min(1));
    const internal = outgoing(ctx(inc, 'stakeholders', { ...noSend(page), email: true }));
    expect(internal.messages).toEqual([expect.objectContaining({
      kind: 'email', public: false, subject: '[P1] Investigating: CheckoutHighErrorRate',
      recipients: [{ address: 'cto@example.test', name: 'Chris CTO' }, { address: 'dee@example.test', name: 'Dee Ops' }],
    })]);
    expect(internal.request).toMatchObject({ targets: [{ channel: 'email', subject: '[P1] Investigating: CheckoutHighErrorRate' }] });
    expect(internal.request).not.toHaveProperty('publicTitle');
    const plan = { ...defaultPlan, distributionLists: [{ audience: 'users', roleIds: [], addresses: ['customers@example.test'] }] };
    const users = outgoing({ ...ctx(inc, 'users', { ...noSend(page), email: true }), plan });
    expect(users.messages[0]).toMatchObject({ kind: 'email', public: true, subject: 'Investigating: Service disruption' });
    expect(users.request).toMatchObject({ publicTitle: 'Service disruption', targets: [{ channel: 'email', list: 'users', subject: 'Investigating: Service disruption' }] });
  });
});
