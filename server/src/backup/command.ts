// The recovery commands on the server's command line (`--backup FILE`, `--backup-settings FILE`, `--restore FILE`,
// `--new-epoch`): parsed here, cheaply, on every start; run by cli.ts, which is loaded only when one is given.
import { resolve } from 'node:path';
import type { BackupKind } from './format';

export type AdminCommand =
  | { op: 'backup'; kind: BackupKind; file: string }
  | { op: 'restore'; file: string }
  | { op: 'new-epoch' };

const FLAGS: Record<string, (file: string | undefined) => AdminCommand | string> = {
  '--backup': (file) => (file ? { op: 'backup', kind: 'full', file } : '--backup needs a file name: npm run server -- --backup FILE'),
  '--backup-settings': (file) => (file ? { op: 'backup', kind: 'settings', file } : '--backup-settings needs a file name: npm run server -- --backup-settings FILE'),
  '--restore': (file) => (file ? { op: 'restore', file } : '--restore needs a backup file: npm run server -- --restore FILE'),
  '--new-epoch': () => ({ op: 'new-epoch' }),
};

/** The recovery command on the command line, an error text for a malformed one, or undefined to start the server. */
export function parseAdminCommand(argv: readonly string[]): AdminCommand | string | undefined {
  const found = argv.map((arg, i) => ({ arg, i })).filter(({ arg }) => arg in FLAGS);
  if (found.length === 0) return undefined;
  if (found.length > 1) return `one recovery command at a time (got ${found.map((f) => f.arg).join(', ')})`;
  const { arg, i } = found[0] as { arg: string; i: number };
  const next = argv[i + 1];
  const file = next && !next.startsWith('--') ? resolve(next) : undefined;
  return (FLAGS[arg] as (file: string | undefined) => AdminCommand | string)(file);
}
