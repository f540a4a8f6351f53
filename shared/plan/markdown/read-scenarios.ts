// Reads "Common Incident Scenarios": per scenario its symptoms, investigation, mitigation and prevention lists.
import type { Scenario } from '../schema';
import type { ReadContext } from './context';
import { fieldsOf, labelledLists, type Section } from './tree';
import { severityIdIn } from './read-severities';
import { slug } from './values';

type Part = 'symptoms' | 'investigation' | 'mitigation' | 'prevention';

export function readScenarios(parent: Section, ctx: ReadContext, categories: { id: string; name: string }[]): Scenario[] {
  return parent.children.map((s, i) => {
    const p = `scenarios[${i}]`;
    if (s.blocks.length === 0) ctx.warn(s.line, `the scenario heading "${s.title}" has no content`, 'Add its Symptoms, Investigation, Mitigation and Prevention lists, or remove the heading.');
    const m = /^(?:scenario|runbook|playbook)\s+(\d+)\s*[:.–—-]\s*(.+)$/i.exec(s.title);
    const title = m ? (m[2] as string).trim() : s.title;
    const lists = labelledLists(s.blocks);
    const f = fieldsOf(s.blocks);
    const category = f.get('category');
    const likely = f.get('likely severity') ?? f.get('severity');
    const likelyId = likely ? severityIdIn(likely.value) : undefined;
    const part = (name: Part) => {
      const list = lists.get(name) ?? lists.get(name === 'investigation' ? 'diagnosis' : name === 'mitigation' ? 'resolution' : name);
      return list ? ctx.texts(`${p}.${name}`, list.items) : ctx.missing(`${p}.${name}`, s.line, [] as string[], `${name} of scenario "${title}"`, `Add "**${name.charAt(0).toUpperCase() + name.slice(1)}**:" and a list under the scenario.`);
    };
    return {
      id: ctx.at(`${p}.id`, s.line, slug(title)),
      number: ctx.at(`${p}.number`, s.line, m ? Number(m[1]) : i + 1),
      title: ctx.at(`${p}.title`, s.line, title),
      category: category ? ctx.at(`${p}.category`, category.line, categories.find((c) => c.name.toLowerCase() === category.value.toLowerCase())?.id ?? slug(category.value)) : ctx.missing(`${p}.category`, s.line, '', `category of scenario "${title}"`, 'The document gives no category: add "**Category**: Infrastructure" (one of the classification categories), or fill it here.'),
      ...(likelyId ? { likelySeverity: ctx.at(`${p}.likelySeverity`, (likely as { line: number }).line, likelyId) } : {}),
      symptoms: part('symptoms'),
      investigation: part('investigation'),
      mitigation: part('mitigation'),
      prevention: part('prevention'),
    };
  });
}
