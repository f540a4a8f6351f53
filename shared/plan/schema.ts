// The response plan as data: a zod schema (validated on load) and the types inferred from it.
import { z } from 'zod';
import { isDuration } from '../time/duration';
import { SIGNAL_IDS } from './signals';
import { intakeSchema } from './intake-schema';
import { distributionListSchema, EMPTY_STATUS_PAGE, statusPageSchema } from './schema-outbound';
import { EMPTY_VISIBILITY, visibilitySectionSchema } from './schema-visibility';

const text = z.string().trim().min(1, 'must not be empty');
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected an id of letters, digits and dashes');
export const durationText = z.string().refine(isDuration, { message: 'expected a duration like "15m"' });
const note = z.string().optional();

/** A calendar cadence (monthly, quarterly...): months do not have a fixed length, so not a duration. */
export const calendarPeriod = z.object({
  count: z.number().int().positive(),
  unit: z.enum(['day', 'week', 'month', 'year']),
});

export const audienceSchema = z.object({ id, name: text, description: text.optional() });

export const updateCadenceSchema = z.object({
  audience: id,
  every: durationText,
  /** When the first update is owed, counted from detection; defaults to `every`. */
  firstAfter: durationText.optional(),
  note,
});

export const signalRuleSchema = z.object({
  signal: z.enum(SIGNAL_IDS),
  op: z.enum(['>', '>=', '<', 'between', 'is']),
  value: z.union([z.number(), z.string(), z.boolean()]).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** The plan's own words, shown as the reason for a suggestion. */
  quote: text,
});

export const severitySchema = z.object({
  id,
  rank: z.number().int().nonnegative(),
  name: text,
  label: text,
  definition: text,
  examples: z.array(text),
  responseTarget: durationText,
  responseTargetText: text,
  resolutionTarget: durationText,
  escalation: text,
  pageWithin: durationText.optional(),
  escalationChecklist: z.array(text).min(1),
  updateCadences: z.array(updateCadenceSchema),
  signals: z.array(signalRuleSchema),
  note,
});

export const checklistItemSchema = z.object({ id, text, note });
export const checklistSectionSchema = z.object({ id, title: text, items: z.array(checklistItemSchema) });

export const stepSchema = z.object({
  id,
  number: z.number().int().positive(),
  title: text,
  summary: text,
  /** Step 3's checklist is the escalation checklist of the incident's current severity. */
  usesSeverityEscalation: z.boolean().default(false),
  /** The step is due this long after detection (the document's "completed within the first 24 hours"). */
  dueWithin: durationText.optional(),
  sections: z.array(checklistSectionSchema),
});

export const scenarioSchema = z.object({
  id,
  number: z.number().int().positive(),
  title: text,
  category: id,
  likelySeverity: id.optional(),
  symptoms: z.array(text).min(1),
  investigation: z.array(text).min(1),
  mitigation: z.array(text).min(1),
  prevention: z.array(text).min(1),
  note,
});

export const roleSchema = z.object({
  id,
  name: text,
  responsibilities: text,
  coverage: text,
  responseTargets: z.array(z.object({ severity: id.optional(), within: durationText })).min(1),
  assignable: z.boolean().default(true),
  note,
});

export const rotationSchema = z.object({
  id,
  roleId: id,
  members: z.array(text).min(1),
  lengthDays: z.number().int().positive(),
  handoff: z.object({
    weekday: z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time like "09:00"'),
    timeZone: text,
  }),
  /** The local date on which members[0] takes the first shift. */
  anchorDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like "2026-01-05"'),
  note,
});

export const contactSlotSchema = z.object({
  roleId: id,
  roleName: text,
  name: z.string(),
  phone: z.string(),
  email: z.string(),
});

export const monitorSchema = z.object({
  id,
  name: text,
  rule: text,
  metric: id.optional(),
  op: z.enum(['>', '>=']).optional(),
  threshold: z.number().optional(),
  unit: z.string().optional(),
  checkEvery: durationText.optional(),
});

export const exerciseSchema = z.object({
  kind: z.enum(['training', 'drill', 'tabletop']),
  name: text,
  frequency: calendarPeriod,
  frequencyText: text,
  durationMin: durationText,
  durationMax: durationText,
  scenario: text.optional(),
  topics: z.array(text).default([]),
  participants: text,
  debrief: text.optional(),
});

export const pirSectionSchema = z.object({
  id,
  title: text,
  prompt: text,
  fields: z.array(z.object({ id, label: text, kind: z.enum(['text', 'duration', 'number', 'choice', 'list']), choices: z.array(text).optional() })).default([]),
});

export const planSchema = z.object({
  schemaVersion: z.literal(1),
  id,
  name: text,
  organisation: text,
  version: text,
  lastUpdated: text,
  scope: text,
  overview: text,
  audiences: z.array(audienceSchema).min(1),
  severities: z.array(severitySchema).min(1),
  categories: z.array(z.object({ id, name: text })).min(1),
  classificationQuestions: z.array(text),
  steps: z.array(stepSchema).min(1),
  timers: z.object({
    immediateMitigation: durationText,
    recurrenceWatch: durationText,
    pirDueAfterResolution: durationText,
    actionItemFollowUp: durationText,
    dueSoonWithin: durationText,
  }),
  communication: z.object({
    bridge: text,
    channel: text,
    statusPageFields: z.array(text),
    userChannels: z.array(text),
    updateChannels: z.array(text).min(1),
  }),
  scenarios: z.array(scenarioSchema),
  roles: z.array(roleSchema).min(1),
  rotations: z.array(rotationSchema),
  contacts: z.array(contactSlotSchema),
  monitoring: z.array(monitorSchema),
  manualDetection: z.array(text),
  tools: z.array(z.object({ group: text, items: z.array(z.object({ name: text, value: text })) })),
  exercises: z.array(exerciseSchema),
  pir: z.object({
    dueAfterResolutionText: text,
    attendees: z.array(text),
    agenda: z.array(text),
    sections: z.array(pirSectionSchema).min(1),
    share: z.array(text),
  }),
  /** Alert intake rules; absent: no rule matches and every alert waits in triage (never the built-in rules). */
  intake: intakeSchema.optional(),
  statusPage: statusPageSchema.default(EMPTY_STATUS_PAGE), distributionLists: z.array(distributionListSchema).default([]),
  /** Restricted incidents (absent in older plans: nothing starts restricted; see schema-visibility.ts). */
  visibility: visibilitySectionSchema.default(EMPTY_VISIBILITY),
  compliance: z.object({
    /** The plan's notification duty (a regulator, the organisation's IR team); absent: no notification clock. */
    breachNotification: z.object({
      regulation: text,
      window: durationText,
      from: z.literal('discovery'),
      appliesToCategories: z.array(id),
      steps: z.array(text).min(1),
    }).optional(),
    retention: z.object({
      minimum: calendarPeriod,
      include: z.array(text),
      store: text,
      review: calendarPeriod,
    }),
  }),
});

export type Plan = z.infer<typeof planSchema>;
export type Severity = Plan['severities'][number];
export type Step = Plan['steps'][number];
export type Scenario = Plan['scenarios'][number];
export type Role = Plan['roles'][number];
export type Rotation = Plan['rotations'][number];
export type UpdateCadence = z.infer<typeof updateCadenceSchema>;
export type SignalRule = z.infer<typeof signalRuleSchema>;
export type CalendarPeriod = z.infer<typeof calendarPeriod>;
export type Exercise = Plan['exercises'][number];
export type PirSection = Plan['pir']['sections'][number];
