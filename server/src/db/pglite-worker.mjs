// The embedded database's own thread: one PGlite instance answering raw wire-protocol messages, so its
// synchronous WASM engine never blocks the HTTP server's event loop. Plain JavaScript: a worker started
// from tsx, vitest or plain node loads it without a TypeScript loader. Driven by pglite-thread.ts.
import { PGlite } from '@electric-sql/pglite';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ pgdata: string; template?: string; startParams: string[] }} */
const { pgdata, template, startParams } = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

async function open() {
  const fresh = !existsSync(`${pgdata}/PG_VERSION`);
  const options = { startParams: [...PGlite.defaultStartParams, ...startParams] };
  if (fresh && template && existsSync(template)) {
    try {
      return { lite: await PGlite.create(pgdata, { ...options, loadDataDir: new Blob([readFileSync(template)]) }), from: 'template' };
    } catch {
      // A template that does not load (another PGlite build, a damaged file) is only a shortcut: initdb instead.
    }
  }
  return { lite: await PGlite.create(pgdata, options), from: fresh ? 'initdb' : 'existing' };
}

const opened = open();

opened.then(({ from }) => port.postMessage({ type: 'ready', from }), (err) => port.postMessage({ type: 'failed', message: String(err?.message ?? err) }));

port.on('message', async (/** @type {{ id: number; kind: 'query' | 'dump' | 'close'; message?: Uint8Array; path?: string }} */ request) => {
  try {
    const { lite } = await opened;
    if (request.kind === 'query') {
      // A copy: the engine's answer may be a view of WASM memory, which must not travel or be transferred.
      const data = (await lite.execProtocolRaw(/** @type {Uint8Array} */ (request.message))).slice();
      port.postMessage({ id: request.id, data }, [data.buffer]);
    } else if (request.kind === 'dump') {
      await lite.exec('checkpoint');
      const file = await lite.dumpDataDir('gzip');
      const tmp = `${request.path}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.from(await file.arrayBuffer()));
      renameSync(tmp, /** @type {string} */ (request.path)); // never a half-written template
      port.postMessage({ id: request.id });
    } else {
      await lite.close();
      port.postMessage({ id: request.id });
      port.close();
    }
  } catch (err) {
    port.postMessage({ id: request.id, error: String(err?.message ?? err) });
  }
});
