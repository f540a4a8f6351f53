import { describe, expect, it } from 'vitest';
import { defaultPlan } from '../plan/default-plan';
import { COMMANDER_ROLE_ID } from '../plan/commander';
import { currentRoleIds, roleRenames } from './role-renames';

const roles = (...list: Array<[string, string]>) => ({ roles: list.map(([id, name]) => ({ id, name })) });
// An import made before imports gave the role in charge the commander's id, then the same document imported again.
const firstImport = roles(['incident-lead', 'Incident Lead'], ['fix-lead', 'Fix Lead'], ['comms', 'Communications']);
const reImport = roles([COMMANDER_ROLE_ID, 'Incident Lead'], ['fix-lead', 'Fix Lead'], ['comms', 'Communications']);

describe('role renames between publications', () => {
  it('a re-import that gives "Incident Lead" the commander id: the role saved as incident-lead is the commander now', () => {
    expect(roleRenames(firstImport, reImport)).toEqual(new Map([['incident-lead', COMMANDER_ROLE_ID]]));
    expect(currentRoleIds(['incident-lead', 'comms'], [firstImport, reImport])).toEqual([COMMANDER_ROLE_ID, 'comms']);
  });

  it('the role in charge renamed as well ("Incident Manager" -> "Incident Commander (IC)") still goes to the commander; a deputy does not', () => {
    const before = roles(['incident-manager', 'Incident Manager'], ['deputy', 'Deputy Incident Manager']);
    const after = roles([COMMANDER_ROLE_ID, 'Incident Commander (IC)'], ['deputy-ic', 'Deputy Commander']);
    expect(roleRenames(before, after)).toEqual(new Map([['incident-manager', COMMANDER_ROLE_ID]]));
  });

  it('a role kept under its name with a new id is followed; ids the current plan has, and roles that are gone, stay as saved', () => {
    const before = roles(['oncall', 'On-call Engineer'], ['dba', 'DBA']);
    const after = roles(['on-call-engineer', 'On-Call  engineer'], [COMMANDER_ROLE_ID, 'Incident Commander']);
    expect(currentRoleIds(['oncall', 'dba', COMMANDER_ROLE_ID], [before, after])).toEqual(['on-call-engineer', 'dba', COMMANDER_ROLE_ID]);
  });

  it('follows several publications in order, and never merges two saved ids into a duplicate', () => {
    const v3 = roles([COMMANDER_ROLE_ID, 'Incident Lead'], ['fixer', 'Fix Lead']);
    expect(currentRoleIds(['incident-lead', 'fix-lead', COMMANDER_ROLE_ID], [defaultPlan, firstImport, reImport, v3])).toEqual([COMMANDER_ROLE_ID, 'fixer']);
  });

  it('two new roles of the same name are no rename (ambiguous)', () => {
    expect(roleRenames(roles(['a', 'Scribe']), roles(['b', 'Scribe'], ['c', 'scribe']))).toEqual(new Map());
  });
});
