// The rows the server folds to know who may see what (server/src/access/load.ts) are the rows of the partial index
// events_access (its migration) and exactly the event types shared/access/relevant.ts names.
import { describe, expect, it } from 'vitest';
import { ACCESS_EVENT_TYPES } from '@shared/access/relevant';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import { MIGRATIONS } from '../src/db/migrations';
import { ACCESS_ROWS } from '../src/access/load';

const normal = (sql: string) => sql.replace(/\be\./g, '').replace(/\s+/g, ' ').replace(/\( /g, '(').trim();

describe('the rows that decide who may see an incident', () => {
  it('are read with the predicate of the index built for them', () => {
    // The latest migration that (re)builds it.
    const index = MIGRATIONS.findLast((m) => m.up.some((sql) => sql.includes('create index events_access')))?.up.join(' ') ?? '';
    const predicate = normal(index.slice(index.indexOf('where') + 'where'.length));
    expect(`(${predicate})`).toBe(normal(ACCESS_ROWS));
  });

  it('are the access event types and the team stream', () => {
    const types = [...ACCESS_ROWS.matchAll(/'([a-z]+\.[a-z.-]+)'/g)].map((m) => m[1]);
    expect(types).toEqual([...ACCESS_EVENT_TYPES]);
    expect(ACCESS_ROWS).toContain(`'${TEAM_STREAM_ID}'`);
  });
});
