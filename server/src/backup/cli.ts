// The server's recovery commands (`npm run server -- --backup FILE` and friends): each runs, prints what it did and
// exits; none starts the HTTP server. docs/server.md, "Backup, restore and recovery".
import { createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { ServerConfig } from '../config';
import { DataDirLockedError } from '../db/lock';
import { openStore, type Store } from '../db/open';
import { startNewEpochs } from '../store/epoch';
import { requestBackup } from './control';
import { writeBackup } from './dump';
import { BackupFileError, readBackup, type BackupKind } from './format';
import { restoreBackup, RestoreRefusedError } from './restore';
import { createInvite, createWorkspace } from '../store/workspaces';
import type { AdminCommand } from './command';

type Print = (line: string) => void;

/** Runs one command; resolves with the exit code. */
export async function runAdminCommand(command: AdminCommand, config: ServerConfig, print: Print, printError: Print): Promise<number> {
  try {
    if (command.op === 'backup') await backup(command.kind, command.file, config, print);
    else if (command.op === 'restore') await restore(command.file, config, print);
    else if (command.op === 'new-epoch') await newEpoch(config, print);
    else await recreateWorkspace(command.workspaceId, command.formerServerKey, config, print);
    return 0;
  } catch (err) {
    // A restore is one transaction and a backup takes a file's name only once whole: a failure leaves nothing.
    const after = command.op === 'restore' ? '; nothing was restored' : command.op === 'backup' ? `; ${command.file} was not written` : '';
    printError(`${command.op} failed: ${err instanceof Error ? err.message : String(err)}${after}`);
    return 1;
  }
}

class CommandError extends Error {}

function where(config: ServerConfig): string {
  return config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded store in ${config.dataDir}`;
}

async function openConfigured(config: ServerConfig): Promise<Store> {
  return openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl, poolSize: 2 } : { dataDir: config.dataDir });
}

/**
 * A backup goes to FILE.partial first, is read back in full (checksum, counts) and only then takes FILE's name: a
 * FILE that exists is always a whole backup. The embedded store, when a server holds it, is asked through its
 * control socket (an online backup: the server keeps serving); otherwise it is opened here.
 */
async function backup(kind: BackupKind, file: string, config: ServerConfig, print: Print): Promise<void> {
  const started = Date.now();
  const partial = `${file}.partial`;
  const out = (): Writable => createWriteStream(partial, { mode: 0o600 });
  try {
    if (config.databaseUrl) {
      const store = await openConfigured(config);
      try {
        await writeBackup(store.db, out(), { kind, store: 'postgres' });
      } finally {
        await store.close();
      }
    } else {
      if (!existsSync(join(config.dataDir, 'pgdata', 'PG_VERSION'))) throw new CommandError(`there is no embedded store in ${config.dataDir} to back up (set DATA_DIR, or DATABASE_URL for PostgreSQL)`);
      let store: Store | undefined;
      try {
        store = await openStore({ dataDir: config.dataDir });
      } catch (err) {
        if (!(err instanceof DataDirLockedError)) throw err;
      }
      if (store) {
        try {
          await writeBackup(store.db, out(), { kind, store: 'pglite' });
        } finally {
          await store.close();
        }
      } else {
        print(`the server is running on ${config.dataDir}: taking an online backup through it`);
        await requestBackup(config.dataDir, kind, out());
      }
    }
    const { counts } = await readBackup(partial, () => undefined, async () => undefined);
    renameSync(partial, file);
    const size = statSync(file).size;
    print(`${kind === 'full' ? 'backup' : 'settings backup'} of ${where(config)} written to ${file}: ${describeCounts(counts)}; ${(size / 1024 / 1024).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    print('It holds password hashes, channel URLs and keys, and the server\'s signing key: keep it as safe as the server itself.');
  } finally {
    rmSync(partial, { force: true });
  }
}

async function restore(file: string, config: ServerConfig, print: Print): Promise<void> {
  if (!existsSync(file)) throw new BackupFileError(`${file}: no such file`);
  const store = await openConfigured(config);
  try {
    const summary = await restoreBackup(store.db, file);
    const kind = summary.header.kind === 'full' ? 'backup' : 'settings backup';
    print(`restored the ${kind} of ${summary.header.createdAt} into ${where(config)}: ${describeCounts(summary.counts)}`);
    for (const ws of summary.workspaces) print(`  workspace "${ws.name}" (${ws.id}) starts a new history: epoch ${ws.epoch}`);
    print(summary.header.kind === 'full'
      ? 'Start the server: consoles that reconnect see the new epoch, read everything again and send back what the backup lacks.'
      : 'Start the server: the log is empty; consoles that reconnect send back everything they hold (docs/server.md, "Rebuild from the consoles").');
  } finally {
    await store.close();
  }
}

async function newEpoch(config: ServerConfig, print: Print): Promise<void> {
  const store = await openConfigured(config);
  try {
    const n = await store.db.transaction().execute((trx) => startNewEpochs(trx, 'offline'));
    print(`${n} workspace(s) of ${where(config)} start a new history epoch: consoles read everything again and send back what the server lacks`);
  } finally {
    await store.close();
  }
}

/**
 * No backup at all: an empty store gets a workspace with the id the consoles sync under and a new admin invite.
 * Consoles connect again with invites (same workspace, so they see a new epoch) and give back what they hold.
 */
async function recreateWorkspace(workspaceId: string, formerServerKey: string | undefined, config: ServerConfig, print: Print): Promise<void> {
  const store = await openConfigured(config);
  try {
    const invite = await store.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('workspaces').select(['id', 'name']).limit(1).executeTakeFirst();
      if (existing) throw new RestoreRefusedError(`this store already holds the workspace "${existing.name}" (${existing.id}); a workspace is recreated only in an empty one`);
      await createWorkspace(trx, config.workspaceName, workspaceId);
      if (formerServerKey) await trx.updateTable('workspaces').set({ former_server_keys: [formerServerKey] }).where('id', '=', workspaceId).execute();
      await startNewEpochs(trx, 'offline');
      return createInvite(trx, workspaceId, { role: 'admin', maxUses: 1, expiresInHours: 24 });
    });
    print(`recreated the workspace "${config.workspaceName}" (${workspaceId}) in ${where(config)}, empty, with a new history epoch`);
    print(formerServerKey
      ? `  the lost server's key ${formerServerKey} is trusted: its alerts, delivery results and acknowledgements come back with the consoles`
      : '  no --former-server-key: the lost server\'s own events (alerts, delivery results, acknowledgements) come back only through an admin console with RELAY_UNVERIFIED=admins');
    print(`  one-time ADMIN invite code: ${invite.inviteCode}  (expires ${invite.expiresAt})`);
    print('Start the server; each console connects again (Server page) with an invite and gives back everything it holds (docs/server.md, "Rebuild from the consoles").');
  } finally {
    await store.close();
  }
}

function describeCounts(counts: Record<string, number>): string {
  const n = (t: string) => counts[t] ?? 0;
  return `${n('workspaces')} workspace(s), ${n('events')} events, ${n('devices')} devices, ${n('deliveries')} deliveries`;
}
