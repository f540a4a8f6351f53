// Which tasks the review offers as action items, on explicit times: open at resolution, not yet made into one.
import { describe, expect, it } from 'vitest';
import { IncidentBuilder, min } from '../../test/fixtures/incident-builder';
import { tasksToOffer } from './tasks';

const id = (n: number) => `0190a000-0000-7000-8000-00000000000${n}`;
const task = (b: IncidentBuilder, at: number, n: number, title: string) =>
  b.add(at, 'task.created', { taskId: id(n), title, owner: 'Engineer B', checkBackAt: new Date(at + 5 * 60_000).toISOString() });

describe('tasksToOffer', () => {
  it('offers the tasks open at resolution: not those done before it, nor those made into action items', () => {
    const b = new IncidentBuilder();
    b.open('P1');
    task(b, min(1), 1, 'check the DB pool');
    task(b, min(2), 2, 'failover plan');
    task(b, min(3), 3, 'raise the pool limit');
    b.add(min(4), 'task.done', { taskId: id(2) });
    b.add(min(10), 'status.changed', { from: 'investigating', to: 'resolved' });
    // Done after resolution: it was still open when the incident was resolved.
    b.add(min(12), 'task.done', { taskId: id(3) });
    expect(tasksToOffer(b.state()).map((t) => t.title)).toEqual(['check the DB pool', 'raise the pool limit']);
    b.add(min(20), 'action.created', { actionId: id(9), title: 'check the DB pool', owner: 'Engineer B', fromTaskId: id(1) });
    expect(tasksToOffer(b.state()).map((t) => t.title)).toEqual(['raise the pool limit']);
  });

  it('while unresolved, offers what is open now', () => {
    const b = new IncidentBuilder();
    b.open('P1');
    task(b, min(1), 1, 'check the DB pool');
    task(b, min(2), 2, 'failover plan');
    b.add(min(3), 'task.dropped', { taskId: id(2), reason: 'not needed' });
    expect(tasksToOffer(b.state()).map((t) => t.title)).toEqual(['check the DB pool']);
  });
});
