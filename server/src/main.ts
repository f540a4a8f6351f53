// `npm run server`: open the store (./data PGlite, or DATABASE_URL), migrate, listen, print the URL and first invite.
import { parseAdminCommand } from './backup/command';
import type { ControlSocket } from './backup/control';
import { loadConfig } from './config';
import { openStore } from './db/open';
import { ensureWebBuild } from './web-build';

async function main(): Promise<void> {
  const config = loadConfig();
  const command = parseAdminCommand(process.argv.slice(2));
  if (typeof command === 'string') throw new Error(command);
  if (command) {
    const { runAdminCommand } = await import('./backup/cli');
    process.exitCode = await runAdminCommand(command, config, (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`));
    return;
  }
  const web = ensureWebBuild(config.webDir, (line) => process.stdout.write(`${line}\n`));
  if (web.kind === 'missing') process.stdout.write(`${web.hint}\n`);
  // The store first: the embedded engine starts in its own thread (on the other core) while this one loads
  // the HTTP server and its routes. Start-up is the slower of the two instead of their sum.
  const opening = openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  opening.catch(() => undefined); // reported below, once awaited
  const [{ createSyncServer }, { bootstrapIfEmpty, newAdminInvite }, { maskIntakeToken }, { maskAckToken }, { maskSubscriberToken }] =
    await Promise.all([import('./app'), import('./bootstrap'), import('./routes/intake'), import('./routes/ack'), import('./routes/subscribe')]);
  const store = await opening;
  const server = await createSyncServer({
    store,
    webDir: config.webDir,
    rateLimitPerMinute: config.rateLimitPerMinute,
    deliveries: config.deliveries,
    relayUnverified: config.relayUnverified,
    intakeSecrets: config.intakeSecrets,
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization'],
      // Senders that cannot set headers put their integration token in the path, and acknowledge links carry
      // theirs: keep both out of the logs.
      serializers: { req: (req: { method: string; url: string; host?: string; ip?: string }) => ({ method: req.method, url: maskSubscriberToken(maskAckToken(maskIntakeToken(req.url))), host: req.host, remoteAddress: req.ip }) },
    },
  });
  const log = server.app.log;

  let stopping = false;
  let control: ControlSocket | undefined;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      log.error('shutdown took over 15 s; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await control?.close();
      await server.close();
      await store.close();
      log.info('stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  // A promise nobody awaited failed (a bug in a hint path, say): log it and keep serving. Every write is one
  // database transaction, so a stray rejection cannot leave shared state half-done, while exiting would drop
  // every client's in-flight request and socket. Synchronous uncaught exceptions still end the process.
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled promise rejection; still serving');
  });
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  let address: string;
  try {
    address = await server.app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await server.close().catch(() => undefined);
    await store.close();
    throw err;
  }
  // Only after listening works: an invite printed by a start that then failed would be lost for good.
  const boot = await bootstrapIfEmpty(store.db, config.workspaceName);
  const extraInvite = process.argv.includes('--admin-invite') ? await newAdminInvite(store.db) : undefined;
  log.info({ url: address, store: store.kind, dataDir: store.kind === 'pglite' ? config.dataDir : undefined }, 'listening');
  // The embedded store is this process's alone: `npm run server -- --backup FILE` asks it for an online backup.
  if (store.kind === 'pglite') {
    const [{ startControlSocket }, { writeBackup }] = await Promise.all([import('./backup/control'), import('./backup/dump')]);
    const started = await startControlSocket(config.dataDir, (kind, out) => writeBackup(store.db, out, { kind, store: 'pglite' }),
      (err) => log.error({ err }, 'online backup failed'));
    if (typeof started === 'string') log.warn(started);
    else control = started;
  }

  const lines = [`Incident Console server: ${address}`, `  store: ${store.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`];
  const invite = boot?.invite ?? extraInvite;
  if (invite) {
    lines.push(`  one-time ADMIN invite code: ${invite.inviteCode}  (expires ${invite.expiresAt})`,
      '  Open the URL, choose "Connect to server" and enter this code. It is shown only now.');
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`server failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
