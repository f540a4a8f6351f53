// The embedded store in a worker thread (pglite-worker.mjs): PGlite's engine runs synchronously, and on the
// server's own thread it stalled every request while a query ran. pglite-connection.ts puts pg (and so
// kysely) on top of it; this side only moves wire-protocol bytes to the thread and back.
import { Worker } from 'node:worker_threads';

/**
 * PGlite's defaults are sized for a browser tab with memory to spare; 128 MB of shared buffers were most of
 * the server's resident memory. The store's working set (recent events, indexes) fits in far less.
 */
export const PGLITE_START_PARAMS = ['-c', 'shared_buffers=16MB', '-c', 'wal_buffers=1MB', '-c', 'temp_buffers=2MB'];

/** The engine thread's V8 young generation, MB (see the Worker below). */
const PGLITE_THREAD_YOUNG_MB = 6;

/** Frontend message types that make the backend answer: Sync, Flush, and a simple Query. */
const SYNC = 0x53;
const FLUSH = 0x48;
const QUERY = 0x51;
const EMPTY = new Uint8Array(0);

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

interface Reply { id: number; data?: Uint8Array; error?: string }
type Pending = { resolve: (reply: Reply) => void; reject: (err: Error) => void };

export interface PgliteThreadOptions {
  /** PGDATA: initdb runs when it holds no cluster yet. */
  pgdata: string;
}

export class PgliteThread {
  /** Resolves once the engine is up: initdb ran (a new cluster) or an existing one opened. */
  readonly opened: Promise<'initdb' | 'existing'>;
  readonly waitReady: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private held: Uint8Array[] = [];
  private exited: Error | undefined;

  constructor(options: PgliteThreadOptions) {
    this.worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: { pgdata: options.pgdata, startParams: PGLITE_START_PARAMS },
      // The server's TypeScript loader is not needed in there (the worker is plain JavaScript).
      execArgv: [],
      // Its JavaScript only moves wire bytes; the engine's memory is WASM, outside this heap. Left to V8, the young
      // generation is sized from the machine's memory and stays grown after a burst of queries (docs/server.md).
      resourceLimits: { maxYoungGenerationSizeMb: PGLITE_THREAD_YOUNG_MB },
    });
    this.opened = new Promise((resolve, reject) => {
      this.worker.once('message', (first: { type: 'ready'; from: 'initdb' | 'existing' } | { type: 'failed'; message: string }) => {
        if (first.type === 'ready') resolve(first.from);
        else reject(new Error(`the embedded database did not open: ${first.message}`));
        this.worker.on('message', (reply: Reply) => this.settle(reply));
      });
      this.worker.once('error', reject);
    });
    this.waitReady = this.opened.then(() => undefined);
    this.waitReady.catch(() => undefined); // callers see the failure through `opened`
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`the embedded database thread stopped (exit code ${code})`)));
  }

  /**
   * One frontend message, in the order pg sends them; the backend's answer as wire bytes. An
   * extended-protocol query is five messages (parse, bind, describe, execute, sync): they are held until the
   * sync (or flush, or a simple query) and cross to the thread together, one round trip per query (empty
   * answers until then). pg reads the backend's answers as a stream, so answering them all at the sync is
   * what a socket would do too.
   */
  async exec(message: Uint8Array): Promise<Uint8Array> {
    this.held.push(message.slice()); // a copy: the serializer may reuse its buffer
    const type = message[0];
    if (type !== SYNC && type !== FLUSH && type !== QUERY) return EMPTY;
    const batch = this.held.length === 1 ? (this.held[0] as Uint8Array) : concat(this.held);
    this.held = [];
    const reply = await this.request({ kind: 'query', message: batch });
    return reply.data ?? EMPTY;
  }

  async close(): Promise<void> {
    if (this.exited) return;
    try {
      await this.request({ kind: 'close' });
    } finally {
      await this.worker.terminate();
    }
  }

  private request(body: Record<string, unknown>): Promise<Reply> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...body });
    }).then((reply) => {
      if (reply.error !== undefined) throw new Error(reply.error);
      return reply;
    });
  }

  private settle(reply: Reply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    waiting.resolve(reply);
  }

  private fail(err: Error): void {
    this.exited ??= err;
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
  }
}
