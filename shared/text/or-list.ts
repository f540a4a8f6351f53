// Alternatives in words: "Slack, Teams or Webhook" (a list the code derives, read in a sentence).

export function orList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1) as string}`;
}
