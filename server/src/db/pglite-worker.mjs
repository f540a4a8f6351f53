// The embedded database's own thread: one PGlite instance answering raw wire-protocol messages, so its
// synchronous WASM engine never blocks the HTTP server's event loop. Plain JavaScript: a worker started
// from tsx, vitest or plain node loads it without a TypeScript loader. Driven by pglite-thread.ts.
import { PGlite } from '@electric-sql/pglite';
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ pgdata: string; startParams: string[] }} */
const { pgdata, startParams } = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

const fresh = !existsSync(`${pgdata}/PG_VERSION`);
const opened = PGlite.create(pgdata, { startParams: [...PGlite.defaultStartParams, ...startParams] });

opened.then(
  () => port.postMessage({ type: 'ready', from: fresh ? 'initdb' : 'existing' }),
  (err) => port.postMessage({ type: 'failed', message: String(err?.message ?? err) }),
);

port.on('message', async (/** @type {{ id: number; kind: 'query' | 'close'; message?: Uint8Array }} */ request) => {
  try {
    const lite = await opened;
    if (request.kind === 'query') {
      // A copy: the engine's answer may be a view of WASM memory, which must not travel or be transferred.
      const data = (await lite.execProtocolRaw(/** @type {Uint8Array} */ (request.message))).slice();
      port.postMessage({ id: request.id, data }, [data.buffer]);
    } else {
      await lite.close();
      port.postMessage({ id: request.id });
      port.close();
    }
  } catch (err) {
    port.postMessage({ id: request.id, error: String(err?.message ?? err) });
  }
});
