// A lock file that keeps two processes from opening one PGlite data directory (PGlite has no lock of its own).
import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(`data directory ${dir} is in use by process ${pid}; stop it first (or remove ${join(dir, 'server.lock')} if that process is gone)`);
    this.name = 'DataDirLockedError';
  }
}

/** Lock files this process holds: our own pid in a lock file is ours only if it is listed here. */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a lock file; 0 for unreadable content (stale junk); null when the file is gone. */
function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Create `file` holding `content` only if it does not exist; false if it does. Never visible half-written. */
function createComplete(dir: string, file: string, content: string): boolean {
  const temp = join(dir, `server.lock.${process.pid}.${randomUUID()}`);
  writeFileSync(temp, content);
  try {
    linkSync(temp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
    // No hard links on this filesystem: exclusive create, then write. A reader may see it empty for an instant;
    // the move-aside check in lockDataDir then usually finds the writer's pid and backs off.
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, content);
      closeSync(fd);
      return true;
    } catch (inner) {
      if ((inner as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw inner;
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Take the lock or throw DataDirLockedError. Returns release().
 *
 * The pid is written to a private temp file first, which is then hard-linked to `server.lock`: link() fails
 * with EEXIST if the lock exists and otherwise makes the name appear with its content already complete, so
 * no reader ever sees an empty lock file (as with open('wx') then write). A lock whose process is gone is
 * taken over, including one holding our own pid (containers reuse pid 1) unless this process holds it.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'server.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    if (heldHere.has(file)) throw new DataDirLockedError(dir, process.pid);
    if (createComplete(dir, file, String(process.pid))) {
      heldHere.add(file);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(file);
        rmSync(file, { force: true });
      };
    }
    const pid = readPid(file);
    if (pid === null) continue; // released meanwhile: try again
    if (pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirLockedError(dir, pid);
    // Stale. Move it aside (atomic) rather than delete it, then check we moved the stale file and not a lock
    // another starting process took over a moment ago; if we did, put that one back and let it win.
    const aside = join(dir, `server.lock.stale.${randomUUID()}`);
    try {
      renameSync(file, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const moved = readPid(aside);
    if (moved !== pid) {
      try {
        linkSync(aside, file);
      } catch {
        // Someone else holds the name now: either way the lock is not ours.
      }
      rmSync(aside, { force: true });
      throw new DataDirLockedError(dir, moved ?? pid);
    }
    rmSync(aside, { force: true });
  }
  throw new Error(`could not take the lock on ${dir}`);
}
