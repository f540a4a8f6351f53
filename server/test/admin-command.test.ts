// The recovery commands as an admin types them in an outage: what each means, and a clear error for a malformed one.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { parseAdminCommand } from '../src/backup/command';

const ID = '5F3C2A1B-0D4E-4F6A-8B9C-0123456789AB';
const KEY = 'L2ZplqEEaOkaCA3tqvuB6nq1iHkH287YiBEeoxdHbtE';

describe('the recovery commands on the command line', () => {
  it('reads each command; no command starts the server', () => {
    expect(parseAdminCommand([])).toBeUndefined();
    expect(parseAdminCommand(['--backup', 'ic.icb'])).toEqual({ op: 'backup', kind: 'full', file: resolve('ic.icb') });
    expect(parseAdminCommand(['--restore', 'ic.icb'])).toEqual({ op: 'restore', file: resolve('ic.icb') });
    expect(parseAdminCommand(['--recreate-workspace', ID])).toEqual({ op: 'recreate-workspace', workspaceId: ID.toLowerCase() });
    expect(parseAdminCommand(['--recreate-workspace', ID, '--former-server-key', KEY])).toEqual({ op: 'recreate-workspace', workspaceId: ID.toLowerCase(), formerServerKey: KEY });
  });

  it('says what is wrong with a malformed one', () => {
    expect(parseAdminCommand(['--recreate-workspace'])).toMatch(/needs the workspace's id .*Server page/);
    expect(parseAdminCommand(['--recreate-workspace', ID, '--former-server-key'])).toMatch(/--former-server-key needs the lost server's public key \(43 characters; .*"Server key"\)/);
    expect(parseAdminCommand(['--recreate-workspace', ID, '--former-server-key', 'not-a-key'])).toMatch(/--former-server-key needs/);
    expect(parseAdminCommand(['--recreate-workspace', ID, '--backup', 'x'])).toMatch(/one recovery command at a time/);
  });
});
