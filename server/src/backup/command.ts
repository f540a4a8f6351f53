// The recovery commands on the server's command line (`--backup FILE`, `--backup-settings FILE`, `--restore FILE`,
// `--new-epoch`): parsed here, cheaply, on every start; run by cli.ts, which is loaded only when one is given.
import { resolve } from 'node:path';
import { PUBLIC_KEY_PATTERN } from '@shared/sync/signature';
import type { BackupKind } from './format';

export type AdminCommand =
  | { op: 'backup'; kind: BackupKind; file: string }
  | { op: 'restore'; file: string }
  | { op: 'new-epoch' }
  | { op: 'recreate-workspace'; workspaceId: string; formerServerKey?: string };

const FLAGS: Record<string, (file: string | undefined) => AdminCommand | string> = {
  '--backup': (file) => (file ? { op: 'backup', kind: 'full', file } : '--backup needs a file name: npm run server -- --backup FILE'),
  '--backup-settings': (file) => (file ? { op: 'backup', kind: 'settings', file } : '--backup-settings needs a file name: npm run server -- --backup-settings FILE'),
  '--restore': (file) => (file ? { op: 'restore', file } : '--restore needs a backup file: npm run server -- --restore FILE'),
  '--new-epoch': () => ({ op: 'new-epoch' }),
};

/** Takes a workspace id, not a file: the id the consoles already sync under (the Server page shows it). */
const WORKSPACE_FLAG = '--recreate-workspace';
/** With it: the lost server's public key (the Server page shows it), so its signatures on its own events still count. */
const FORMER_KEY_FLAG = '--former-server-key';
const WORKSPACE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The recovery command on the command line, an error text for a malformed one, or undefined to start the server. */
export function parseAdminCommand(argv: readonly string[]): AdminCommand | string | undefined {
  const at = argv.indexOf(WORKSPACE_FLAG);
  if (at >= 0) {
    if (argv.some((arg) => arg in FLAGS)) return `one recovery command at a time (${WORKSPACE_FLAG} and another)`;
    const id = argv[at + 1];
    if (!id || !WORKSPACE_ID.test(id)) return `${WORKSPACE_FLAG} needs the workspace's id (a UUID; the consoles' Server page shows it): npm run server -- ${WORKSPACE_FLAG} ID`;
    const keyAt = argv.indexOf(FORMER_KEY_FLAG);
    if (keyAt < 0) return { op: 'recreate-workspace', workspaceId: id.toLowerCase() };
    const key = argv[keyAt + 1];
    if (!key || !PUBLIC_KEY_PATTERN.test(key)) return `${FORMER_KEY_FLAG} needs the lost server's public key (43 characters; a console's Server page shows it as "Server key")`;
    return { op: 'recreate-workspace', workspaceId: id.toLowerCase(), formerServerKey: key };
  }
  const found = argv.map((arg, i) => ({ arg, i })).filter(({ arg }) => arg in FLAGS);
  if (found.length === 0) return undefined;
  if (found.length > 1) return `one recovery command at a time (got ${found.map((f) => f.arg).join(', ')})`;
  const { arg, i } = found[0] as { arg: string; i: number };
  const next = argv[i + 1];
  const file = next && !next.startsWith('--') ? resolve(next) : undefined;
  return (FLAGS[arg] as (file: string | undefined) => AdminCommand | string)(file);
}
