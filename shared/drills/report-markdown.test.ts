// The drill report: marked as a drill from its first line, carries the scorecard and the PIR document.
import { describe, expect, it } from 'vitest';
import { IncidentBuilder, min, T0 } from '../../test/fixtures/incident-builder';
import { defaultPlan } from '../plan/default-plan';
import { defaultScripts } from './default-scripts';
import { drillReportMarkdown, exerciseTimeText } from './report-markdown';
import { drillScorecard } from './scorecard';

describe('drill report', () => {
  it('names the drill as a drill and writes the scorecard figures', () => {
    const b = new IncidentBuilder();
    b.add(T0, 'incident.opened', { title: 'Pool drill', detectedAt: new Date(T0).toISOString(), impactStartedAt: new Date(T0).toISOString(), drill: true });
    b.add(T0, 'exercise.control', { action: 'start', mode: 'live', scriptId: 'db-connection-pool-exhausted' });
    b.add(min(4), 'incident.classified', { severity: 'P1' });
    b.add(min(5), 'exercise.inject', { injectId: 'error-rate-7', title: 'Error rate 7% and rising', text: 'x' });
    b.add(min(9), 'update.posted', { audience: 'stakeholders', channel: 'Slack', text: 'Investigating' });
    b.add(min(20), 'exercise.control', { action: 'end' });
    const state = b.state();
    const card = drillScorecard(state, defaultPlan, defaultScripts[0]!, min(30));
    const md = drillReportMarkdown(state, card, defaultPlan, min(30));
    expect(md.split('\n')[0]).toBe('# DRILL Report: Pool drill');
    expect(md).toContain('DRILL - this was an exercise, not a real incident');
    expect(md).toContain('- Time to classify: 4 min (P1)');
    expect(md).toContain('- Severity: P1; expected P1; matched: yes');
    expect(md).toContain('- Time to first stakeholders update: 9 min');
    expect(md).toContain('- Time to first users update: not done');
    expect(md).toContain('- T+5 min: Error rate 7% and rising');
    expect(md).toContain('## Drill review: Pool drill');
    expect(md).not.toMatch(/^# Post-Incident Review/m);
    expect(exerciseTimeText(90_500)).toBe('1 min 31 s');
  });
});
