// The plan's intake rules: label matchers that map an incoming alert to a severity, category and scenario,
// and say whether it opens an incident at once or waits in triage. Matchers use Alertmanager's syntax.
import { z } from 'zod';
import { SIGNAL_IDS } from './signals';

export interface LabelMatcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

const MATCHER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/;

/** `severity=critical`, `alertname=~HighErrorRate.*`, `team!="db"`; regexes are fully anchored, as in Alertmanager. */
export function parseMatcher(text: string): LabelMatcher | undefined {
  const m = MATCHER.exec(text);
  if (!m) return undefined;
  let value = m[3] as string;
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  const op = m[2] as LabelMatcher['op'];
  if (op === '=~' || op === '!~') {
    try {
      new RegExp(`^(?:${value})$`);
    } catch {
      return undefined;
    }
  }
  return { name: m[1] as string, op, value };
}

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected an id of letters, digits and dashes');
const text = z.string().trim().min(1, 'must not be empty');

export const matcherText = z.string().max(500).refine((s) => parseMatcher(s) !== undefined, {
  message: 'expected a label matcher like "severity=critical" or "alertname=~HighErrorRate" (a valid regex after =~ or !~)',
});

export const intakeRuleSchema = z.object({
  id,
  name: text,
  /** All must hold (like an Alertmanager route's matchers). */
  match: z.array(matcherText).min(1),
  /** The severity when the alert's value does not decide it (or the rule has no signal). */
  severity: id.optional(),
  category: id.optional(),
  /** The scenario (runbook) attached when an incident is declared from the alert. */
  scenario: id.optional(),
  /** What the alert's value measures: the plan's severity rules for this signal quote the reason. */
  signal: z.enum(SIGNAL_IDS).optional(),
  /** Status-page components the alerts of this rule are about (a planned maintenance of one holds them back). */
  components: z.array(id).optional(),
  /** declare: the server opens an incident at once; triage: it waits in the Alerts view for a person. */
  action: z.enum(['declare', 'triage']).default('triage'),
  note: z.string().optional(),
});

export const intakeSchema = z.object({
  /** Annotations read, in order, for the alert's value ("7", "7%", "7.2 %"); a bare number is in the signal's unit. */
  valueAnnotations: z.array(z.string().min(1).max(100)).min(1),
  /** The first rule whose matchers all hold decides; an alert no rule matches waits in triage. */
  rules: z.array(intakeRuleSchema),
  /**
   * Labels that name the status-page component an alert is about: a value equal to a component's id or name (any
   * case) places the alert on it, beside the matching rule's `components`.
   */
  componentLabels: z.array(z.string().min(1).max(100)).default(['component', 'service']),
  /**
   * An alert for a component inside an active maintenance window is marked "in maintenance" and never declares an
   * incident. `mark`: it still waits in triage for a person; `suppress`: it is recorded but raises no alert on the
   * consoles. Plans published before this field read as `mark` (nothing is hidden that was shown before).
   */
  duringMaintenance: z.enum(['mark', 'suppress']).default('mark'),
  note: z.string().optional(),
});

export type IntakeRule = z.infer<typeof intakeRuleSchema>;
export type IntakeSection = z.infer<typeof intakeSchema>;
