// Takes the communication values out of the steps: update cadences per audience and level, channel, status page fields.
import type { Plan, Severity } from '../schema';
import type { ReadContext } from './context';
import type { ReadStep } from './read-steps';
import { ifLongerThan, oneDuration, slug } from './values';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * "**Every 15 minutes**: Status update to stakeholders" applies to the levels whose escalation checklist notifies
 * stakeholders (from the age in "if > 1 hour to resolve", when given); "(if P0/P1)" names the levels outright.
 * An audience no checklist mentions is updated at every level.
 */
export function readCadences(steps: ReadStep[], severities: Severity[], ctx: ReadContext): Plan['audiences'] {
  const audiences: Plan['audiences'] = [];
  const items = steps.flatMap((s) => s.lists.flatMap((l) => l.items));
  for (const item of items) {
    const m = /^every\s+(.+?)\s*:\s*.*?\bto\s+([\w -]+?)\s*(?:\((?:if|for)\s+([^)]+)\))?\s*$/i.exec(item.text);
    const every = m ? oneDuration(m[1] as string).value : undefined;
    if (!m || !every) continue;
    ctx.usedTime(item.line);
    const name = (m[2] as string).trim();
    const id = slug(name);
    if (!audiences.some((a) => a.id === id)) {
      const k = audiences.length;
      audiences.push({ id: ctx.at(`audiences[${k}].id`, item.line, id), name: ctx.at(`audiences[${k}].name`, item.line, capital(name)) });
    }
    const named = m[3] ? (m[3] as string).split(/\s*(?:\/|,|\bor\b|\band\b)\s*/).map((s) => s.trim().toUpperCase()) : undefined;
    const notifies = (s: Severity) => s.escalationChecklist.find((t) => new RegExp(`\\bnotify\\b.*\\b${name}\\b`, 'i').test(t));
    const anyMentions = severities.some(notifies);
    severities.forEach((s, i) => {
      const applies = named ? named.includes(s.id.toUpperCase()) : anyMentions ? Boolean(notifies(s)) : true;
      if (!applies) return;
      const j = s.updateCadences.length;
      const firstAfter = named ? undefined : ifLongerThan(notifies(s) ?? '');
      s.updateCadences.push({ audience: id, every, ...(firstAfter ? { firstAfter } : {}) });
      ctx.at(`severities[${i}].updateCadences[${j}]`, item.line, true);
    });
  }
  return audiences;
}

export function readCommunication(steps: ReadStep[], ctx: ReadContext, bridge: { value: string; line: number } | undefined): Plan['communication'] {
  const lists = steps.flatMap((s) => s.lists);
  const items = lists.flatMap((l) => l.items);
  const channelItem = items.find((i) => /#[\w-]+/.test(i.text));
  const statusPage = lists.find((l) => /status page/i.test(l.title));
  const users = lists.find((l) => /user communication|user updates|customer communication/i.test(l.title));
  const at = steps.find((s) => /communicat/i.test(s.step.title))?.heading.line ?? 1;
  return {
    bridge: bridge ? ctx.at('communication.bridge', bridge.line, bridge.value) : ctx.missing('communication.bridge', at, '', 'incident bridge', 'Add "**Incident Bridge**: Slack or Teams" (yours) under Tools, or fill it here.'),
    channel: channelItem ? ctx.at('communication.channel', channelItem.line, /#[\w-]+/.exec(channelItem.text)?.[0] as string) : ctx.missing('communication.channel', at, '', 'incident channel', 'Mention the channel as "#incidents" (yours) in the communication step, or fill it here.'),
    statusPageFields: statusPage ? ctx.texts('communication.statusPageFields', statusPage.items) : [],
    userChannels: users ? ctx.texts('communication.userChannels', users.items) : [],
    updateChannels: ctx.missing('communication.updateChannels', at, [] as string[], 'channels an update goes out on', 'List the channels an update is posted to (one a line).'),
  };
}
