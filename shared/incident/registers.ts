// The fold's last-writer-wins registers, typed: every key is made by one constructor here that names the type of
// the value stored under it, so the writer (doc.ts) and the readers (project.ts, incremental.ts) cannot disagree.
// Keys stay plain strings at run time (`entry:${id}:text`), so a typed key costs nothing in the fold.
import type { ActionStatus, Actor, IncidentStatus, PayloadOf } from './events';
import type { Visibility } from './events-access';

declare const valueType: unique symbol;
/** A register key whose value has type T (a string with a compile-time tag). */
export type RegisterKey<T> = string & { readonly [valueType]: T };

/** Registers that share a prefix and are read by scanning it (`role:<roleId>`, `check:<step>:<item>`). */
export interface RegisterFamily<T> {
  readonly prefix: string;
  key(id: string): RegisterKey<T>;
}

const key = <T>(name: string) => name as RegisterKey<T>;
const family = <T>(prefix: string): RegisterFamily<T> => ({ prefix, key: (id) => `${prefix}${id}` as RegisterKey<T> });

/** Who did something and when (ISO instant); `by` is the actor's display name. */
export interface Stamped { at: string; by: string }
export type ActionFields = {
  created: Stamped; title: string; owner: string; deadline: string | null; status: ActionStatus;
  /** When it was last updated / followed up (ISO instants). */
  touched: string; followedUp: string;
};
export type BreachFields = Required<PayloadOf<'breach.recorded'>>;

export const REG = {
  title: key<string>('title'),
  detectedAt: key<string>('detectedAt'),
  impactStartedAt: key<string>('impactStartedAt'),
  detectionSource: key<string>('detectionSource'),
  drill: key<boolean>('drill'),
  opened: key<{ at: string; by: Actor }>('opened'),
  planId: key<string>('planId'),
  severity: key<string>('severity'),
  category: key<string>('category'),
  scope: key<string>('scope'),
  impact: key<string>('impact'),
  status: key<{ status: IncidentStatus; at: string }>('status'),
  /** Every correction of an entry shares this prefix: `entry:<entryId>:text|retracted|starred`. */
  entryPrefix: 'entry:',
  entryText: (entryId: string) => key<Stamped & { text: string }>(`entry:${entryId}:text`),
  entryRetracted: (entryId: string) => key<Stamped & { reason: string }>(`entry:${entryId}:retracted`),
  entryStarred: (entryId: string) => key<boolean>(`entry:${entryId}:starred`),
  /** Keyed `${stepId}:${itemId}`. */
  check: family<Stamped & { checked: boolean }>('check:'),
  /** null once relieved. */
  role: family<(Stamped & { person: string; contactId?: string }) | null>('role:'),
  scenario: family<boolean>('scenario:'),
  snooze: family<Stamped & { until: string; reason: string }>('snooze:'),
  pir: family<string>('pir:'),
  /** Every field of every action item shares this prefix: `action:<actionId>:<field>`. */
  actionPrefix: 'action:',
  action: <F extends keyof ActionFields>(actionId: string, field: F) => key<ActionFields[F]>(`action:${actionId}:${field}`),
  breachRecorded: key<boolean>('breach:recorded'),
  /** Open or restricted; absent: open (incident.opened with a visibility, visibility.changed). */
  visibility: key<Stamped & { visibility: Visibility; reason: string }>('visibility'),
  /**
   * Who may see a restricted incident beyond its role holders and the plan's security officers, keyed by
   * principal: `person:<personKey>` (invited by name) or `device:<deviceId>` (the console that declared or
   * restricted it). `invited: false` once removed.
   */
  participant: family<Stamped & { invited: boolean; person: string; deviceId?: string }>('participant:'),
  breach: <F extends keyof BreachFields>(field: F) => key<BreachFields[F]>(`breach:${field}`),
} as const;

/** One register write, type-checked where it is made. */
export type RegisterWrite = readonly [string, unknown];
export const set = <T>(register: RegisterKey<T>, value: T): RegisterWrite => [register, value];
