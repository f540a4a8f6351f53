// The corpus of real incident response documents (test/plan/corpus/): each document, where it came from, and the
// facts a person wrote down by reading it (never from the importer's output). Every fact names the line it was read
// from and quotes it, so a test can prove the document says it.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isDuration } from '@shared/time/duration';
import { repoRoot } from './seed-document';

export const corpusDir = resolve(repoRoot, 'test', 'plan', 'corpus');

const quoted = { line: z.number().int().positive(), quote: z.string().min(1) };
/** A time the document states: a duration the console can run ("20m"), or words that are not one ("1 business day"). */
const duration = z.union([z.string().refine(isDuration, 'expected a duration like "20m"'), z.object({ stated: z.string().min(1) })]);
const timed = z.object({ value: duration, ...quoted }).nullable();

const severityFact = z.object({
  /** The level's identifier as the document writes it ("SEV-1", "P1", "1", "~severity::1", "Critical"). */
  id: z.string().min(1),
  /** The words the document names the level with ("Critical"); the id again when it gives only one label. */
  name: z.string().min(1),
  ...quoted,
  definition: z.object({ value: z.string().min(1), ...quoted }).nullable(),
  response: timed,
  resolution: timed,
  /** How often updates go out at this level. */
  updates: timed,
});

/** `optional`: a reader may or may not take this as one (the document is ambiguous); neither reading is wrong. */
const stepFact = z.object({ title: z.string().min(1), ...quoted, due: timed, optional: z.literal(true).optional() });
/** `commands`: the document puts this role in charge of the incident (the console's command features follow it). */
const roleFact = z.object({ name: z.string().min(1), ...quoted, response: timed, optional: z.literal(true).optional(), commands: z.literal(true).optional() });
const cadenceFact = z.object({ audience: z.string().nullable(), every: duration, severities: z.union([z.literal('all'), z.array(z.string())]), ...quoted });
const deadlineFact = z.object({
  /** notification: the plan's notification duty; review: the post-incident review; other: a time a response plan has no clock for. */
  kind: z.enum(['notification', 'review', 'other']),
  what: z.string().min(1),
  within: duration,
  ...quoted,
  /** Other lines that state the same deadline again. */
  alsoLines: z.array(z.number().int().positive()).optional(),
});

/** null: the document states nothing of the kind (so any value the importer has there is invented). */
export const factsSchema = z.object({
  document: z.string().regex(/\.md$/),
  /** How the document was read: what counts as what, and why. */
  reading: z.string().min(40),
  name: z.object({ value: z.string().min(1), also: z.array(z.string()).optional(), ...quoted }).nullable(),
  severities: z.object({ mostSevere: z.string().min(1), levels: z.array(severityFact).min(1) }).nullable(),
  steps: z.array(stepFact).min(1).nullable(),
  roles: z.array(roleFact).min(1).nullable(),
  cadences: z.array(cadenceFact).min(1).nullable(),
  deadlines: z.array(deadlineFact).min(1).nullable(),
});
export type Facts = z.infer<typeof factsSchema>;
export type DurationFact = z.infer<typeof duration>;

/** Licences that allow keeping a verbatim copy in the repository. */
export const KEEPABLE_LICENCES = /^(Apache-2\.0|MIT|CC0-1\.0|CC-BY-4\.0|CC-BY-SA-4\.0)\b/;

export const sourceSchema = z.object({
  document: z.string().regex(/\.md$/),
  title: z.string().min(1),
  organisation: z.string().min(1),
  shape: z.string().min(1),
  url: z.string().url(),
  repository: z.string().min(1),
  path: z.string().min(1),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  licence: z.string().regex(KEEPABLE_LICENCES, 'a licence that allows keeping a copy'),
  licenceFile: z.string().min(1),
  fetched: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  via: z.string().min(1),
  characters: z.number().int().positive(),
  verified: z.string().min(1),
});
export type Source = z.infer<typeof sourceSchema>;

export interface CorpusDocument {
  slug: string;
  text: string;
  source: Source;
  facts: Facts;
}

export const corpusSlugs = (): string[] =>
  readdirSync(corpusDir).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.replace(/\.md$/, '')).sort();

export function loadCorpusDocument(slug: string): CorpusDocument {
  const read = (name: string) => readFileSync(resolve(corpusDir, name), 'utf8');
  return {
    slug,
    text: read(`${slug}.md`),
    source: sourceSchema.parse(JSON.parse(read(`${slug}.source.json`))),
    facts: factsSchema.parse(JSON.parse(read(`${slug}.facts.json`))),
  };
}

/** Every quoted fact of a document, with where it says it is. */
export function quotesOf(facts: Facts): { what: string; line: number; quote: string }[] {
  const out: { what: string; line: number; quote: string }[] = [];
  const add = (what: string, q: { line: number; quote: string } | null | undefined) => {
    if (q) out.push({ what, line: q.line, quote: q.quote });
  };
  add('name', facts.name);
  for (const s of facts.severities?.levels ?? []) {
    add(`severity ${s.id}`, s);
    add(`severity ${s.id} definition`, s.definition);
    add(`severity ${s.id} response`, s.response);
    add(`severity ${s.id} resolution`, s.resolution);
    add(`severity ${s.id} updates`, s.updates);
  }
  for (const s of facts.steps ?? []) {
    add(`step ${s.title}`, s);
    add(`step ${s.title} due`, s.due);
  }
  for (const r of facts.roles ?? []) {
    add(`role ${r.name}`, r);
    add(`role ${r.name} response`, r.response);
  }
  for (const c of facts.cadences ?? []) add(`cadence ${c.every}`, c);
  for (const d of facts.deadlines ?? []) add(`deadline ${d.what}`, d);
  return out;
}
