// For the kill -9 tests: `npm run server` started (and restarted) on one data dir that outlives each process, sending
// email through a real SMTP sink; after the file every process still running is killed and the data dir removed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../test/helpers/smtp-sink';
import { spawnServer, waitForOutput, type ServerProcess } from './harness';

export interface CrashRig {
  /** The data dir every start uses. */
  dataDir: string;
  /** Start the SMTP sink (once). */
  startSink(options: Parameters<typeof startSmtpSink>[0]): Promise<SmtpSink>;
  /** `npm run server` on the data dir, mailing through the sink; its URL once it listens. */
  start(): Promise<{ server: ServerProcess; url: string }>;
}

/** `prefix` names the temp dir; `env`: the server's own settings (MAIL_FROM, PUBLIC_URL). */
export function crashRig(prefix: string, env: Record<string, string>): CrashRig {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dataDir = join(root, 'data');
  const running: ServerProcess[] = [];
  let sink: SmtpSink | undefined;
  afterAll(async () => {
    for (const r of running) r.child.kill('SIGKILL');
    await sink?.stop();
    rmSync(root, { recursive: true, force: true });
  });
  return {
    dataDir,
    async startSink(options) {
      sink = await startSmtpSink(options);
      return sink;
    },
    async start() {
      if (!sink) throw new Error('start the SMTP sink first');
      const server = spawnServer({ DATA_DIR: dataDir, WEB_DIR: join(root, 'none'), LOG_LEVEL: 'info', SMTP_URL: sink.url, DELIVERY_POLL_MS: '100', ...env });
      running.push(server);
      const [, url] = await waitForOutput(server, /server: (http:\/\/\S+)\n/) as unknown as [string, string];
      return { server, url };
    },
  };
}
