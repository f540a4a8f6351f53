// Times stated in prose, as people write them: "20 minutes", "30mins", "within one hour", "half an hour",
// "1-7 days" (a range: its upper bound is the deadline), "every hour", "twice a day", "daily". Business days,
// working hours and months are times a clock cannot run: they are kept as stated, never turned into a duration.

export interface TimePhrase {
  /** Where the phrase starts in the text, and its length. */
  index: number;
  length: number;
  /** The words as written. */
  stated: string;
  /** The duration a clock can run ("20m", "7d"); absent when the words are not one (business days, months). */
  value?: string;
  /** "every hour", "daily": how often, not how long. */
  frequency: boolean;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, 'twenty-four': 24, thirty: 30, 'forty-five': 45, sixty: 60,
  'seventy-two': 72, ninety: 90,
};
const NUM = `(?:\\d+(?:\\.\\d+)?|${Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).join('|')})`;
const UNIT: Record<string, string> = { s: 's', sec: 's', second: 's', m: 'm', min: 'm', minute: 'm', h: 'h', hr: 'h', hour: 'h', d: 'd', day: 'd', w: 'w', wk: 'w', week: 'w' };
const UNIT_WORDS = 'seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?';
const QUALIFIED = '(?:business|working|calendar|office)\\s+';

const num = (word: string): number => NUMBER_WORDS[word.toLowerCase()] ?? Number(word);
const unitOf = (word: string): string | undefined => UNIT[word.toLowerCase().replace(/s$/, '')];
const duration = (n: number, unit: string): string => `${Number.isInteger(n) ? n : n}${unit}`;

const FREQUENCIES: [RegExp, string][] = [
  [/\btwice (?:a|per) day\b|\btwice daily\b/i, '12h'],
  [/\bhourly\b|\bevery hour\b/i, '1h'],
  [/\bdaily\b|\bonce (?:a|per) day\b|\bevery day\b/i, '1d'],
  [/\bweekly\b|\bonce (?:a|per) week\b|\bevery week\b/i, '1w'],
];

/** Every time phrase in a text, in order. */
export function timesIn(text: string): TimePhrase[] {
  const out: TimePhrase[] = [];
  const taken = (i: number, len: number) => out.some((p) => i < p.index + p.length && p.index < i + len);
  for (const [re, value] of FREQUENCIES) {
    const m = re.exec(text);
    if (m && !taken(m.index, m[0].length)) out.push({ index: m.index, length: m[0].length, stated: m[0], value, frequency: true });
  }
  const half = /\bhalf(?:\s+an|-an)?[\s-]+hour\b/gi;
  for (const m of text.matchAll(half)) out.push({ index: m.index, length: m[0].length, stated: m[0], value: '30m', frequency: false });
  const pattern = new RegExp(`\\b(${NUM})(?:\\s*(?:-|–|to)\\s*(${NUM}))?[\\s-]*(${QUALIFIED})?(${UNIT_WORDS})\\b`, 'gi');
  for (const m of text.matchAll(pattern)) {
    if (taken(m.index, m[0].length)) continue;
    const [, a, b, qualifier, unitWord] = m as unknown as [string, string, string | undefined, string | undefined, string];
    const unit = unitOf(unitWord);
    const n = num(b ?? a);
    const representable = unit !== undefined && !qualifier && Number.isFinite(n) && n > 0;
    out.push({ index: m.index, length: m[0].length, stated: m[0], ...(representable ? { value: duration(n, unit) } : {}), frequency: false });
  }
  // "30mins", "15m" written without a space
  for (const m of text.matchAll(/\b(\d+)(mins?|hrs?|m|h)\b/gi)) {
    if (taken(m.index, m[0].length)) continue;
    out.push({ index: m.index, length: m[0].length, stated: m[0], value: duration(Number(m[1]), unitOf(m[2] as string) as string), frequency: false });
  }
  return out.sort((x, y) => x.index - y.index);
}

/** How often, from a phrase: "every 30 minutes", "(roughly every 30mins)", "every hour", "twice a day", "1 hour" in an update column. */
export function cadenceIn(text: string, column = false): TimePhrase | undefined {
  const phrases = timesIn(text);
  const every = phrases.find((p) => p.frequency || /\bevery\s+(?:\S+\s+)?$/i.test(text.slice(Math.max(0, p.index - 16), p.index)));
  if (every) return every;
  // An update-frequency column states a bare duration ("1 hour") as the interval; "Once after 2 business days" is not one.
  if (column && phrases.length === 1 && !/\bonce\b/i.test(text)) return phrases[0];
  return column && phrases.length ? { ...(phrases[0] as TimePhrase), value: undefined } : undefined;
}

/** The one duration a target states ("< 15 minutes", "20 minutes (office and out of hours)"); several different ones are ambiguous. */
export function targetIn(text: string): { phrase?: TimePhrase; ambiguous?: string[] } {
  const phrases = timesIn(text).filter((p) => !p.frequency);
  const values = [...new Set(phrases.map((p) => p.value ?? p.stated))];
  if (values.length === 1) return { phrase: phrases[0] as TimePhrase };
  return values.length ? { ambiguous: values } : {};
}

/** The line of an offset within a text that starts on `line` (soft breaks are newlines in mdast text). */
export function lineAt(text: string, index: number, line: number): number {
  let n = line;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
