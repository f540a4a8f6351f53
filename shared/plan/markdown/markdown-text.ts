// Writing plan text into Markdown so that it reads back as the same text (escapes only where Markdown would act).

/** Inline text: escapes what would start emphasis, code, links, HTML or entities; newlines become spaces. */
export function esc(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/([\\*_`~|])/g, '\\$1')
    .replace(/\[/g, '\\[')
    .replace(/\]/g, '\\]')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?\w+;)/g, '\\&');
}

/** Text at the start of a line: also escapes what would make it a heading, quote, list or rule. */
export function escLine(text: string): string {
  const e = esc(text);
  return e.replace(/^(\s*)([#>+\-=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** "Label: value" item text -> "**Label**: value", so the label reads back as a label; other text as is. */
export function labelled(text: string): string {
  const m = /^([^:*_`[\]<>\\]{1,80}?): (.+)$/.exec(text);
  return m ? `**${esc(m[1] as string)}**: ${esc(m[2] as string)}` : escLine(text);
}

/** A fence longer than any backtick run inside, so the block cannot end early. */
export function fence(body: string, lang: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${body}\n${f}`;
}
