// Severity suggestion: match observed signals against the plan's own severity rules and quote the plan as the reason.
import { type Plan, type SignalRule } from './schema';
import { type SignalId, type Signals } from './signals';

export interface SuggestionReason {
  severity: string;
  signal: SignalId;
  /** The plan's words, e.g. "Platform down (> 5 minutes)". */
  quote: string;
}

export interface SeveritySuggestion {
  /** The highest (lowest-rank) severity with a matching rule, or null when no rule matched. */
  severity: string | null;
  /** Every matching rule, highest severity first, in plan order within a severity. */
  reasons: SuggestionReason[];
  /** True when every reported signal matched at least one rule (nothing the commander said went unexplained). */
  matchedAll: boolean;
  /** Reported signals that matched no rule of the plan (e.g. "down 5 minutes" when the plan says "> 5 minutes"). */
  unmatched: SignalId[];
}

/** Does one rule of the plan hold for the observed value? Absent or mistyped values never match. */
export function ruleMatches(rule: SignalRule, observed: number | boolean | string | undefined): boolean {
  if (observed === undefined) return false;
  if (rule.op === 'is') return observed === rule.value;
  if (typeof observed !== 'number' || !Number.isFinite(observed)) return false;
  switch (rule.op) {
    case '>':
      return typeof rule.value === 'number' && observed > rule.value;
    case '>=':
      return typeof rule.value === 'number' && observed >= rule.value;
    case '<':
      return typeof rule.value === 'number' && observed < rule.value;
    case 'between':
      return rule.min !== undefined && rule.max !== undefined && observed >= rule.min && observed <= rule.max;
  }
}

/** A signal counts as reported when it says something happened: a non-zero number, true, or a choice other than "none". */
export function isReported(value: number | boolean | string | undefined): boolean {
  if (value === undefined || value === false) return false;
  if (typeof value === 'number') return Number.isFinite(value) && value !== 0;
  if (typeof value === 'string') return value !== '' && value !== 'none';
  return true;
}

export function suggestSeverity(plan: Plan, signals: Signals): SeveritySuggestion {
  const bySeverity = [...plan.severities].sort((a, b) => a.rank - b.rank);
  const reasons: SuggestionReason[] = [];
  const explained = new Set<SignalId>();
  for (const severity of bySeverity) {
    for (const rule of severity.signals) {
      if (ruleMatches(rule, signals[rule.signal])) {
        reasons.push({ severity: severity.id, signal: rule.signal, quote: rule.quote });
        explained.add(rule.signal);
      }
    }
  }
  const unmatched = (Object.keys(signals) as SignalId[]).filter((id) => isReported(signals[id]) && !explained.has(id));
  return { severity: reasons[0]?.severity ?? null, reasons, matchedAll: unmatched.length === 0, unmatched };
}
