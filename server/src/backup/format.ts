// The backup file: gzip'd JSON lines, the same for PGlite and PostgreSQL (a backup of one restores into the other).
// A header line, one line per table row, and an end line with the row counts and the sha256 of every line before
// it, so a cut-short or damaged file is refused before anything of it is kept.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';

export const BACKUP_FORMAT = 'incident-console-backup';
export const BACKUP_VERSION = 1;

/**
 * What a backup holds, in restore order (a table after those it references). `settings` is what identifies the
 * workspaces and who may use them (devices and their keys, invites, tokens, channels, acknowledge links): small, to
 * keep beside the server's configuration, enough to rebuild the log from the consoles (docs/server.md).
 */
export const BACKUP_TABLES = [
  { name: 'workspaces', order: 'id', settings: true },
  { name: 'server_keys', order: 'id', settings: true },
  { name: 'devices', order: 'id', settings: true },
  { name: 'invites', order: 'id', settings: true },
  { name: 'integration_tokens', order: 'id', settings: true },
  { name: 'outbound_channels', order: 'workspace_id, kind, name', settings: true },
  { name: 'ack_tokens', order: 'token_hash', settings: true },
  { name: 'statuspage_incidents', order: 'workspace_id, incident_id, page_id', settings: true },
  { name: 'subscribers', order: 'workspace_id, id', settings: true },
  { name: 'subscriber_keys', order: 'workspace_id', settings: true },
  { name: 'events', order: 'workspace_id, seq', settings: false },
  { name: 'deliveries', order: 'workspace_id, request_id, target', settings: false },
  { name: 'delivery_scan', order: 'workspace_id', settings: false },
  { name: 'subscriber_sends', order: 'workspace_id, request_id, subscriber_id', settings: false },
] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number]['name'];
export type BackupKind = 'full' | 'settings';

export function tablesOf(kind: BackupKind): readonly (typeof BACKUP_TABLES)[number][] {
  return BACKUP_TABLES.filter((t) => kind === 'full' || t.settings);
}

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  kind: z.enum(['full', 'settings']),
  createdAt: z.string(),
  /** The newest migration of the store it was taken from: a backup from a newer server is refused. */
  schemaVersion: z.number().int().positive(),
  store: z.enum(['pglite', 'postgres']),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

const rowLineSchema = z.object({ t: z.string(), r: z.record(z.string(), z.unknown()) });
const endLineSchema = z.object({ end: z.literal(true), counts: z.record(z.string(), z.number().int().nonnegative()), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

/** Writes the lines of one backup and hashes them as it goes; `end()` writes the end line. */
export class BackupWriter {
  private readonly hash = createHash('sha256');
  private readonly counts: Record<string, number> = {};

  constructor(private readonly out: Writable, header: BackupHeader) {
    this.pending = this.write(JSON.stringify(header));
  }

  private pending: Promise<void>;

  /** A row as the database rendered it (`to_jsonb(t)::text`): written as it is, never parsed here. */
  async row(table: BackupTable, json: string): Promise<void> {
    await this.pending;
    this.counts[table] = (this.counts[table] ?? 0) + 1;
    this.pending = this.write(`{"t":${JSON.stringify(table)},"r":${json}}`);
  }

  async end(): Promise<Record<string, number>> {
    await this.pending;
    const digest = this.hash.digest('hex');
    const line = `${JSON.stringify({ end: true, counts: this.counts, sha256: digest })}\n`;
    if (!this.out.write(line)) await once(this.out, 'drain');
    this.out.end();
    return { ...this.counts };
  }

  private async write(line: string): Promise<void> {
    const text = `${line}\n`;
    this.hash.update(text);
    if (!this.out.write(text)) await once(this.out, 'drain');
  }
}

export type BackupItem = { kind: 'row'; table: BackupTable; row: Record<string, unknown> };

/**
 * Read a backup file: the header first (checked), then every row, then the end line (counts and checksum
 * checked). A file that is not a backup, is cut short or was altered throws BackupFileError naming the line; the
 * caller applies rows inside one transaction and commits only after the whole file was read, so nothing of a bad
 * file is kept.
 */
export async function readBackup(file: string, onHeader: (header: BackupHeader) => Promise<void> | void, onRow: (item: BackupItem) => Promise<void>): Promise<{ header: BackupHeader; counts: Record<string, number> }> {
  return readBackupStream(createReadStream(file), file, onHeader, onRow);
}

export async function readBackupStream(
  source: Readable,
  name: string,
  onHeader: (header: BackupHeader) => Promise<void> | void,
  onRow: (item: BackupItem) => Promise<void>,
): Promise<{ header: BackupHeader; counts: Record<string, number> }> {
  const gunzip = createGunzip();
  let streamError: Error | undefined;
  const fail = (err: Error) => { streamError ??= err; };
  source.on('error', fail);
  gunzip.on('error', fail);
  const lines = createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity });
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  let header: BackupHeader | undefined;
  let allowed = new Set<string>();
  let ended: z.infer<typeof endLineSchema> | undefined;
  let n = 0;
  const at = () => `${name}: line ${n}`;
  try {
    for await (const line of lines) {
      n += 1;
      if (ended) throw new BackupFileError(`${at()}: data after the end line`);
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new BackupFileError(`${at()}: not JSON (the file is damaged)`);
      }
      if (!header) {
        const parsed = backupHeaderSchema.safeParse(json);
        if (!parsed.success) throw new BackupFileError(`${name}: not an Incident Console backup (its first line is no backup header)`);
        header = parsed.data;
        allowed = new Set(tablesOf(header.kind).map((t) => t.name));
        hash.update(`${line}\n`);
        await onHeader(header);
        continue;
      }
      if (typeof json === 'object' && json !== null && 'end' in json) {
        const parsed = endLineSchema.safeParse(json);
        if (!parsed.success) throw new BackupFileError(`${at()}: malformed end line`);
        ended = parsed.data;
        continue;
      }
      const parsed = rowLineSchema.safeParse(json);
      if (!parsed.success) throw new BackupFileError(`${at()}: expected a row {"t": table, "r": {...}}`);
      if (!allowed.has(parsed.data.t)) throw new BackupFileError(`${at()}: table "${parsed.data.t}" does not belong in a ${header.kind} backup`);
      hash.update(`${line}\n`);
      counts[parsed.data.t] = (counts[parsed.data.t] ?? 0) + 1;
      await onRow({ kind: 'row', table: parsed.data.t as BackupTable, row: parsed.data.r });
    }
  } catch (err) {
    if (streamError) throw describeStreamError(name, streamError);
    throw err;
  }
  if (streamError) throw describeStreamError(name, streamError);
  if (!header) throw new BackupFileError(`${name}: empty file, not a backup`);
  if (!ended) throw new BackupFileError(`${name}: cut short after line ${n} (no end line): the backup did not finish writing or was truncated`);
  if (hash.digest('hex') !== ended.sha256) throw new BackupFileError(`${name}: checksum mismatch: the file was altered or damaged`);
  for (const table of new Set([...Object.keys(counts), ...Object.keys(ended.counts)])) {
    if ((counts[table] ?? 0) !== (ended.counts[table] ?? 0)) throw new BackupFileError(`${name}: ${table} holds ${counts[table] ?? 0} rows, the end line says ${ended.counts[table] ?? 0}`);
  }
  return { header, counts };
}

function describeStreamError(name: string, err: Error): BackupFileError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new BackupFileError(`${name}: no such file`);
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return new BackupFileError(`${name}: not a gzip'd backup, or damaged (${err.message})`);
  return new BackupFileError(`${name}: ${err.message}`);
}
