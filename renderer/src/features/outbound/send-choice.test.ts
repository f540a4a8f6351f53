// The composer's channel follows what is sent: the words recorded on the update name exactly the targets of its
// delivery request (email list, status page, chat destinations), and chat choices become chat targets.
import { describe, expect, it } from 'vitest';
import { defaultPlan } from '@shared/plan/default-plan';
import { restrictedDeliveryRefusal } from '@shared/access/deliveries';
import { targetKey } from '@shared/incident/events-delivery';
import type { IncidentState } from '@shared/incident/state';
import { allowedOnly, buildRequest, choiceKey, noSend, sentVia, type StatusPageDraft } from './send-choice';

const page: StatusPageDraft = { status: 'investigating', components: {}, title: null, body: null, startedAt: '', estimatedResolutionAt: '', nextUpdateAt: '' };
const contacts = [{ name: 'Chris CTO', roleIds: ['incident-commander'], email: 'cto@example.test' }];

describe('sentVia and buildRequest', () => {
  it('nothing sent: no server channel, no request (the commander names where they posted it)', () => {
    expect(sentVia(noSend(page), 'Stakeholders')).toBeNull();
    expect(buildRequest(noSend(page), defaultPlan, contacts, 'stakeholders')).toBeNull();
  });

  it('names every target the request carries, in the same order, chat by its channel name', () => {
    const choice = { ...noSend(page), email: true, chat: ['slack:incidents', 'teams:bridge'] };
    expect(sentVia(choice, 'Stakeholders')).toBe('Email to Stakeholders, Slack #incidents, Teams bridge');
    const request = buildRequest(choice, defaultPlan, contacts, 'stakeholders');
    expect(request).toEqual({ targets: [
      { channel: 'email', list: 'stakeholders', to: ['cto@example.test'] },
      { channel: 'slack', destination: 'incidents' },
      { channel: 'teams', destination: 'bridge' },
    ] });
  });

  it('a channel-wide mention only when the commander ticks "Notify everyone", and only on Slack destinations', () => {
    const choice = { ...noSend(page), chat: ['slack:incidents', 'teams:bridge'] };
    expect(buildRequest(choice, defaultPlan, contacts, 'stakeholders')).toEqual({ targets: [{ channel: 'slack', destination: 'incidents' }, { channel: 'teams', destination: 'bridge' }] });
    expect(buildRequest({ ...choice, notifyHere: true }, defaultPlan, contacts, 'stakeholders')).toEqual({ targets: [
      { channel: 'slack', destination: 'incidents', mention: 'here' }, { channel: 'teams', destination: 'bridge' },
    ] });
  });

  it('a chat-only update is a request with only that chat target', () => {
    const choice = { ...noSend(page), chat: ['webhook:pager'] };
    expect(sentVia(choice, 'Users')).toBe('Webhook pager');
    expect(buildRequest(choice, defaultPlan, contacts, 'users')).toEqual({ targets: [{ channel: 'webhook', destination: 'pager' }] });
  });

  it('with Atlassian Statuspage on the server, a status-page update also targets it, and says so', () => {
    const choice = { ...noSend({ ...page, components: { api: 'major_outage' as const }, startedAt: '2026-12-01T10:00', estimatedResolutionAt: '2026-12-01T12:00', nextUpdateAt: '2026-12-01T11:00' }), statusPage: true };
    expect(sentVia(choice, 'Users', true)).toBe('Status page (and Statuspage.io)');
    // The public words are required: a status page is never posted without its title and text.
    expect(buildRequest(choice, defaultPlan, contacts, 'users', true)).toEqual({ error: 'The status page needs: Public title, Public text.' });
    const request = buildRequest(choice, defaultPlan, contacts, 'users', true, { publicTitle: 'Checkout problems', publicBody: 'We are investigating.' });
    expect(request && 'targets' in request ? request.targets : request).toEqual([{ channel: 'status-page' }, { channel: 'statuspage-io' }]);
    expect(request).toMatchObject({ publicTitle: 'Checkout problems', statusPage: { body: 'We are investigating.', components: [{ id: 'api', status: 'major_outage' }] } });
    expect(sentVia(choice, 'Users')).toBe('Status page');
  });
});

describe('status-page subscribers', () => {
  const filled = { components: { payments: 'partial_outage' as const }, startedAt: '2026-12-01T10:00', estimatedResolutionAt: '2026-12-01T12:00', nextUpdateAt: '2026-12-01T11:00' };
  it('go with a status-page update only (a public update, never an internal one alone)', () => {
    const alone = buildRequest({ ...noSend({ ...page, ...filled }), subscribers: true }, defaultPlan, [], 'users');
    expect(alone).toEqual({ error: expect.stringContaining('goes with a status-page update') });
    const both = buildRequest({ ...noSend({ ...page, ...filled }), statusPage: true, subscribers: true }, defaultPlan, [], 'users', false, { publicTitle: 'Card payments', publicBody: 'Some card payments fail.' });
    expect(both && 'targets' in both ? both.targets : []).toEqual([{ channel: 'status-page' }, { channel: 'subscribers' }]);
    expect(sentVia({ ...noSend(page), statusPage: true, subscribers: true }, 'Users')).toBe('Status page, Email to status-page subscribers');
  });
});

describe('a restricted incident in the composer', () => {
  const restricted = { visibility: { restricted: true } } as Pick<IncidentState, 'visibility'>;
  const refusal = (key: string) => restrictedDeliveryRefusal(defaultPlan, restricted, key);

  it('keeps only what its plan allows: the request carries nothing the server would refuse, judged by the server\'s own key', () => {
    const all = { ...noSend(page), email: true, statusPage: false, subscribers: true, chat: ['slack:incidents', 'teams:bridge'] };
    const kept = allowedOnly(all, 'stakeholders', refusal);
    // The built-in plan: email, pages and the status pages; never chat or the subscribers' email.
    expect(kept).toMatchObject({ email: true, subscribers: false, chat: [] });
    const request = buildRequest(kept, defaultPlan, contacts, 'stakeholders');
    expect(request && 'targets' in request ? request.targets.map((t) => refusal(targetKey(t))) : 'no request').toEqual([null]);
    // The same choice for an open incident goes everywhere it was asked to.
    expect(allowedOnly(all, 'stakeholders', () => null)).toEqual(all);
  });

  it('says why, in the server\'s words', () => {
    expect(refusal(choiceKey.subscribers)).toMatch(/restricted and its plan allows its updates only to email, page, status-page, statuspage-io/);
    expect(refusal(choiceKey.email('users'))).toBeNull();
  });
});
