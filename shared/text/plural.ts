// Counted nouns ("1 incident", "2 incidents"): the one plural helper, so no screen or export says "1 incidents".
// Runtime-neutral so shared/ exports use it too; the renderer reaches it through core/format.

/** "1 incident", "2 incidents", "0 incidents"; give the plural for irregular nouns ("1 entry", "3 entries"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
