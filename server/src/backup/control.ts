// The embedded store's control socket (DATA_DIR/control.sock, owner-only): the one process that holds the data dir
// takes an online backup when `npm run server -- --backup FILE` asks for one, and streams it back. Only who can open
// the data directory can reach it, and the socket answers nothing but backups.
import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { z } from 'zod';
import type { BackupKind } from './format';
import type { BackupSummary } from './dump';

export const CONTROL_SOCKET = 'control.sock';
/** Unix socket paths are limited to ~107 bytes; a longer data dir path has no control socket (said at start). */
const MAX_SOCKET_PATH = 100;

const requestSchema = z.object({ op: z.literal('backup'), kind: z.enum(['full', 'settings']) });

export function controlSocketPath(dataDir: string): string {
  return join(dataDir, CONTROL_SOCKET);
}

export interface ControlSocket {
  path: string;
  close(): Promise<void>;
}

/** Listen on DATA_DIR/control.sock; `backup` writes a backup of the store to the stream it is given. */
export async function startControlSocket(dataDir: string, backup: (kind: BackupKind, out: Writable) => Promise<BackupSummary>, onError: (err: unknown) => void): Promise<ControlSocket | string> {
  const path = controlSocketPath(dataDir);
  if (path.length > MAX_SOCKET_PATH) return `online backups need a shorter data directory path (the control socket ${path} is over ${MAX_SOCKET_PATH} characters); stop the server to back it up`;
  rmSync(path, { force: true }); // we hold the data dir's lock: a socket file left here is a dead server's
  const server: Server = createServer((socket) => void serve(socket));
  async function serve(socket: Socket): Promise<void> {
    socket.on('error', () => undefined);
    const line = await firstLine(socket).catch(() => undefined);
    const request = requestSchema.safeParse(line === undefined ? undefined : safeJson(line));
    if (!request.success) {
      socket.end('ERR expected {"op":"backup","kind":"full"|"settings"}\n');
      return;
    }
    socket.write('OK\n');
    try {
      await backup(request.data.kind, socket);
    } catch (err) {
      onError(err);
      socket.destroy(); // the client finds the file cut short and keeps nothing
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    path,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      rmSync(path, { force: true });
    }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Read up to the first newline; what follows it stays in the socket (unshifted). */
function firstLine(socket: Socket, max = 4096): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      const at = chunk.indexOf(10);
      if (at < 0) {
        text += chunk.toString('utf8');
        if (text.length > max) { cleanup(); reject(new Error('line too long')); }
        return;
      }
      cleanup();
      text += chunk.subarray(0, at).toString('utf8');
      const rest = chunk.subarray(at + 1);
      if (rest.length > 0) socket.unshift(rest);
      resolve(text);
    };
    const onEnd = () => { cleanup(); reject(new Error('closed before a full line')); };
    const cleanup = () => { socket.off('data', onData); socket.off('end', onEnd); socket.off('error', onEnd); socket.pause(); };
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('error', onEnd);
  });
}

/** Ask the running server for a backup; resolves once its stream ended (the caller verifies what arrived). */
export async function requestBackup(dataDir: string, kind: BackupKind, out: Writable): Promise<void> {
  const socket = createConnection(controlSocketPath(dataDir));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', (err) => reject(new Error(`the running server's control socket ${controlSocketPath(dataDir)} did not answer (${(err as NodeJS.ErrnoException).code ?? err.message})`)));
  });
  socket.write(`${JSON.stringify({ op: 'backup', kind })}\n`);
  const status = await firstLine(socket);
  if (status !== 'OK') {
    socket.destroy();
    throw new Error(`the running server refused the backup: ${status.replace(/^ERR\s*/, '')}`);
  }
  socket.resume();
  await new Promise<void>((resolve, reject) => {
    socket.pipe(out);
    out.once('finish', resolve);
    out.once('error', reject);
    socket.once('error', () => out.end()); // cut short: the verification that follows says so
  });
}
