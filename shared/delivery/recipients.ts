// An audience's email list from the plan's distribution lists and the contact sheet: the addresses of the
// contacts holding the list's roles plus its fixed addresses, de-duplicated, in a stable order.
import type { Plan } from '../plan/schema';

export interface ContactLike { name: string; email: string; roleIds: readonly string[] }

export function recipientsFor(plan: Plan, audience: string, contacts: readonly ContactLike[]): string[] {
  const list = plan.distributionLists.find((l) => l.audience === audience);
  if (!list) return [];
  const roles = new Set(list.roleIds);
  const out = new Map<string, string>();
  for (const c of contacts) {
    const email = c.email.trim();
    if (email && /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/.test(email) && c.roleIds.some((r) => roles.has(r))) out.set(email.toLowerCase(), email);
  }
  for (const a of list.addresses) out.set(a.toLowerCase(), a);
  return [...out.values()].sort((a, b) => a.localeCompare(b));
}
