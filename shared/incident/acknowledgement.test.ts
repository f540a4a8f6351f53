import { describe, expect, it } from 'vitest';
import { IncidentBuilder, min } from '../../test/fixtures/incident-builder';
import { computeClocks } from '../clocks/clocks';
import { incidentMetrics } from '../metrics/incident-metrics';
import { defaultPlan } from '../plan/default-plan';
import { SERVER_ACTOR } from '../sync/server-actor';
import { ACK_RULE, awaitingMyAcknowledgement, respondersOf } from './acknowledgement';

const GRACE = { name: 'Grace', deviceId: 'device-grace' };
const KIM = { name: 'Kim', deviceId: 'device-kim' };
const PAGE = '0190a000-0000-7000-8000-0000000000c1';

/** An incident declared under the current rule by Dana, who takes command herself. */
function declaredNow(): IncidentBuilder {
  const inc = new IncidentBuilder(undefined, 'Dana');
  inc.open('P1', undefined, { acknowledgementRule: ACK_RULE });
  inc.add(min(1), 'role.assigned', { roleId: 'incident-commander', person: 'Dana' });
  return inc;
}

describe('acknowledgement rule 2: a responder acknowledges', () => {
  it('is not met by the commander assigning roles, themselves or others; the response clock keeps running', () => {
    const inc = declaredNow();
    inc.add(min(2), 'role.assigned', { roleId: 'on-call-engineer', person: 'Grace' });
    const state = inc.state();
    expect(state.acknowledgementRule).toBe(2);
    expect(state.acknowledgedAt).toBeNull();
    const response = computeClocks(state, defaultPlan, min(20)).find((c) => c.id === 'response');
    expect(response).toMatchObject({ state: 'overdue', completedAt: null });
    expect(incidentMetrics(state, defaultPlan, min(20)).responseTime).toBeNull();
  });

  it('is met when the assigned responder acknowledges on their own console; MTTA measures that', () => {
    const inc = declaredNow();
    inc.add(min(2), 'role.assigned', { roleId: 'on-call-engineer', person: 'Grace' });
    expect(awaitingMyAcknowledgement(inc.state(), 'grace')).toMatchObject([{ person: 'Grace', roleId: 'on-call-engineer', by: 'Dana', pageId: null }]);
    expect(awaitingMyAcknowledgement(inc.state(), 'Dana')).toEqual([]); // she assigned herself: nothing asked of her
    inc.add(min(9), 'incident.acknowledged', { person: 'Grace', roleId: 'on-call-engineer' }, undefined, GRACE);
    const state = inc.state();
    expect(state.acknowledgement).toMatchObject({ at: min(9), person: 'Grace', roleId: 'on-call-engineer', via: 'console' });
    expect(incidentMetrics(state, defaultPlan, min(20)).responseTime).toBe(9 * 60_000);
    expect(awaitingMyAcknowledgement(state, 'Grace')).toEqual([]);
  });

  it('is met from the page link (the server\'s record naming the paged person), not by the page itself', () => {
    const inc = declaredNow();
    inc.add(min(2), 'page.requested', { roleId: 'on-call-engineer', person: 'Grace' });
    const page = inc.events.at(-1)!.id;
    expect(inc.state().acknowledgedAt).toBeNull();
    expect(respondersOf(inc.state())).toMatchObject([{ person: 'Grace', pageId: page, acknowledgedAt: null }]);
    inc.add(min(4), 'incident.acknowledged', { person: 'Grace', pageId: page, roleId: 'on-call-engineer', note: 'Acknowledged from the page link' }, undefined, { ...SERVER_ACTOR });
    expect(inc.state().acknowledgement).toMatchObject({ at: min(4), person: 'Grace', via: 'page-link' });
    expect(awaitingMyAcknowledgement(inc.state(), 'Grace')).toEqual([]);
  });

  it('does not count an acknowledgement from someone nobody asked, nor an older console\'s nameless one', () => {
    const inc = declaredNow();
    inc.add(min(2), 'incident.acknowledged', {}); // Dana's "Acknowledge incident" as it used to be
    inc.add(min(3), 'incident.acknowledged', { person: 'Kim' }, undefined, KIM); // Kim was neither paged nor assigned
    expect(inc.state().acknowledgedAt).toBeNull();
    inc.add(min(5), 'page.requested', { roleId: 'database-administrator', person: 'Kim' });
    expect(inc.state().acknowledgedAt).toBeNull(); // Kim's earlier word does not answer a page sent after it
    expect(awaitingMyAcknowledgement(inc.state(), 'Kim')).toHaveLength(1);
    inc.add(min(6), 'incident.acknowledged', { person: 'Kim', roleId: 'database-administrator', pageId: PAGE }, undefined, KIM);
    expect(awaitingMyAcknowledgement(inc.state(), 'Kim')).toHaveLength(1); // another page's id: not this one
    inc.add(min(7), 'incident.acknowledged', { person: 'Kim', roleId: 'database-administrator' }, undefined, KIM);
    expect(awaitingMyAcknowledgement(inc.state(), 'Kim')).toEqual([]);
    expect(inc.state().acknowledgement).toMatchObject({ person: 'Kim', via: 'console' });
  });
});

describe('acknowledgement rule 1: incidents declared before the change keep their recorded meaning', () => {
  it('the first role assignment or acknowledgement by anyone, the commander assigning themselves included', () => {
    const inc = new IncidentBuilder(undefined, 'Dana');
    inc.open('P1'); // no acknowledgementRule: declared by an older console
    inc.add(min(1), 'role.assigned', { roleId: 'incident-commander', person: 'Dana' });
    const state = inc.state();
    expect(state.acknowledgementRule).toBe(1);
    expect(state.acknowledgement).toMatchObject({ at: min(1), person: 'Dana', via: 'role-assignment' });
    expect(incidentMetrics(state, defaultPlan, min(20)).responseTime).toBe(60_000);
  });
});
