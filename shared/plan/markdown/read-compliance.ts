// Reads "Compliance & Legal": the breach notification duty (regulation, window, steps) and record retention.
import type { Plan } from '../schema';
import type { ReadContext } from './context';
import type { Notification } from './read-timings';
import { child, fieldsOf, listItems, type Line, type Section } from './tree';
import { calendarPeriodOf, slug, splitList, withinDuration } from './values';

type Compliance = Plan['compliance'];

/**
 * Without a compliance section, a notification deadline found in the prose (read-timings.ts) is the plan's
 * notification duty; with neither, the plan has none (no notification clock runs, never the built-in GDPR one).
 */
export function readCompliance(parent: Section | undefined, ctx: ReadContext, categories: Plan['categories'], notification?: Notification): Compliance {
  const at = parent?.line ?? 1;
  const breach = parent && child(parent, /breach|notification/i);
  const records = parent && child(parent, /documentation|retention|records/i);
  const list = breach?.blocks.find((b) => b.type === 'list');
  const steps = list && list.type === 'list' ? listItems(list) : [];
  const windowItem = steps.find((s) => withinDuration(s.text));
  const regulation = breach ? breach.title.replace(/\s*(breach\s+)?notification\s*/i, '').trim() : '';
  const bf = breach ? fieldsOf(breach.blocks) : new Map<string, Line>();
  const applies = bf.get('applies to');
  const rf = records ? fieldsOf(records.blocks) : new Map<string, Line>();
  const include = rf.get('include');
  const store = rf.get('store');
  const period = (key: string, path: string, label: string) => {
    const l = rf.get(key);
    const p = l ? calendarPeriodOf(l.value) : undefined;
    return l && p ? ctx.at(path, l.line, p) : ctx.missing(path, records?.line ?? at, { count: 0, unit: 'year' as const }, label, `Add "- **${key === 'retain for' ? 'Retain for' : 'Review'}**: 3 years" (yours) under Incident Documentation.`);
  };
  const b = breach?.line ?? at;
  if (breach && !applies) ctx.warn(breach.line, `the document does not say which incident categories the ${regulation || 'breach'} clock applies to; it will run only where a breach is recorded`, `Add "**Applies to**: Security" (categories) under "${breach.title}", or fill it here.`);
  const fromProse = !breach && notification
    ? {
      regulation: ctx.missing('compliance.breachNotification.regulation', notification.line, '', 'who must be notified', `The document says "${notification.text}": name who is notified (e.g. "GSA IT", "the supervisory authority").`),
      window: ctx.at('compliance.breachNotification.window', notification.line, notification.window),
      from: 'discovery' as const,
      appliesToCategories: [],
      steps: ctx.missing('compliance.breachNotification.steps', notification.line, [] as string[], 'what the notification involves', 'List what is sent and to whom (one a line).'),
    }
    : undefined;
  return {
    breachNotification: fromProse ?? (!breach ? undefined : {
      regulation: regulation ? ctx.at('compliance.breachNotification.regulation', b, regulation) : ctx.missing('compliance.breachNotification.regulation', b, '', 'breach notification regulation', 'Add a "### GDPR Breach Notification" (yours) section.'),
      window: windowItem ? ctx.at('compliance.breachNotification.window', windowItem.line, withinDuration(windowItem.text) as string) : ctx.missing('compliance.breachNotification.window', b, '', 'breach notification window', 'Add "1. **Notify within 72 hours** of discovery" (yours).'),
      from: 'discovery',
      appliesToCategories: applies
        ? splitList(applies.value).map((c, k) => ctx.at(`compliance.breachNotification.appliesToCategories[${k}]`, applies.line, categories.find((x) => x.name.toLowerCase() === c.toLowerCase())?.id ?? slug(c)))
        : [],
      steps: steps.length ? ctx.texts('compliance.breachNotification.steps', steps) : ctx.missing('compliance.breachNotification.steps', b, [] as string[], 'breach notification steps', 'List the steps under the breach notification heading.'),
    }),
    retention: {
      minimum: period('retain for', 'compliance.retention.minimum', 'how long incident records are kept'),
      include: include ? include.value.split(/,\s*/).filter(Boolean).map((t, k) => ctx.at(`compliance.retention.include[${k}]`, include.line, t)) : [],
      store: store ? ctx.at('compliance.retention.store', store.line, store.value) : ctx.missing('compliance.retention.store', records?.line ?? at, '', 'where incident records are stored', 'Add "- **Store**: ..." under Incident Documentation.'),
      review: period('review', 'compliance.retention.review', 'how often records are reviewed'),
    },
  };
}
