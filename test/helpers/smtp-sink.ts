// Starts Postfix's smtp-sink (a real SMTP server from Debian) on a free loopback port for a test; each
// message, headers included, lands in its own file. Optional DATA delay lets a test kill a sender mid-send.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort } from './postgres';

export interface SinkMessage {
  file: string;
  raw: string;
  headers: Map<string, string>;
  body: string;
  /** RCPT TO addresses as smtp-sink recorded them. */
  recipients: string[];
}

export interface SmtpSink {
  port: number;
  url: string;
  messages(): SinkMessage[];
  /** How many transactions it has seen, the ones under way included (cheap: no file is read). */
  count(): number;
  stop(): Promise<void>;
}

const SMTP_SINK = process.env.SMTP_SINK ?? '/usr/sbin/smtp-sink';

function parseMessage(file: string, raw: string): SinkMessage {
  const text = raw.replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  const head = split >= 0 ? text.slice(0, split) : text;
  const body = split >= 0 ? text.slice(split + 2) : '';
  const headers = new Map<string, string>();
  const recipients: string[] = [];
  let last = '';
  for (const line of head.split('\n')) {
    if (/^\s/.test(line) && last) { headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`.trim()); continue; }
    const m = /^([^:]+):\s?(.*)$/.exec(line);
    if (!m) continue;
    last = (m[1] as string).toLowerCase();
    if (last === 'x-rcpt-args') continue;
    headers.set(last, headers.has(last) ? `${headers.get(last)}, ${m[2]}` : (m[2] as string));
  }
  // smtp-sink writes "X-Rcpt-Args: <addr>" per RCPT TO; keep those as the envelope.
  for (const m of head.matchAll(/^X-Rcpt-Args: ?<?([^>\s]+)>?/gim)) recipients.push(m[1] as string);
  return { file, raw: text, headers, body, recipients };
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) throw new Error(`smtp-sink exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('smtp-sink did not start listening');
}

export async function startSmtpSink(options: { dataDelaySeconds?: number; port?: number } = {}): Promise<SmtpSink> {
  if (!existsSync(SMTP_SINK)) throw new Error(`${SMTP_SINK} not found (apt-get install -y postfix, or set SMTP_SINK)`);
  const root = mkdtempSync(join(tmpdir(), 'ic-smtp-'));
  const dir = join(root, 'mail');
  mkdirSync(dir);
  // smtp-sink drops to this user after binding; the dump directory must be writable by it.
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'postfix' : userInfo().username;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postfix'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postfix'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(root, 0o755);
  const port = options.port ?? (await freePort());
  const args = ['-u', user, '-d', `${dir}/%M.`, ...(options.dataDelaySeconds ? ['-w', String(options.dataDelaySeconds)] : []), `127.0.0.1:${port}`, '100'];
  const child = spawn(SMTP_SINK, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  try {
    await waitForPort(port, child);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}: ${stderr}`);
  }
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages() {
      return readdirSync(dir).sort().map((f) => parseMessage(f, readFileSync(join(dir, f), 'utf8')));
    },
    count: () => readdirSync(dir).length,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
