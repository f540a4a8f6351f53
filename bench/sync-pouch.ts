// The anchor bench:sync measures the real browser path against: PouchDB, the best-known offline-first replicator,
// in the same two Chromium pages on the same machine. Its server is pouchdb-server's own HTTP layer
// (express-pouchdb over PouchDB's LevelDB adapter) on loopback, in this process; each page holds a PouchDB
// (IndexedDB) replicating live (PouchDB.sync, live + retry) and shows every doc it holds as a row, so
// "visible" means the same as for the console: a new row in the page's DOM, then the next frame.
// Figures: Enter (the put) on A to the row on B; 10,000 docs written offline on A, reconnect, until the server
// and both screens hold them all, with replication batch_size 1000 (the tuned setting).
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS, latency, until, watchForText, type BrowserFigures } from './sync-browser';

const require = createRequire(import.meta.url);

/** The page: a PouchDB replicating with the server, a count line and one row per doc (the newest 200, as rows). */
const PAGE = `<!doctype html><meta charset="utf-8"><title>PouchDB anchor</title>
<script src="/pouch-bench/pouchdb.min.js"></script>
<p aria-live="polite" id="count">0 docs</p><ul aria-label="Docs" id="rows"></ul>
<script>
  const local = new PouchDB('anchor');
  const remote = new PouchDB(location.origin + '/anchor');
  const rows = document.getElementById('rows');
  const count = document.getElementById('count');
  let held = 0;
  let sync = null;
  const show = (docs) => {
    held += docs.length;
    count.textContent = held + ' docs';
    // The newest rows only, like a virtualised list: the cost of showing is one row per doc, bounded.
    for (const d of docs.slice(-200)) { const li = document.createElement('li'); li.textContent = d.text; rows.prepend(li); }
    while (rows.childElementCount > 200) rows.lastElementChild.remove();
  };
  local.changes({ since: 'now', live: true, include_docs: true }).on('change', (c) => { if (c.doc && !c.doc._id.startsWith('_')) show([c.doc]); });
  window.__anchor = {
    start(batchSize) {
      sync?.cancel();
      sync = PouchDB.sync(local, remote, { live: true, retry: true, batch_size: batchSize, batches_limit: 10 });
    },
    put(text) {
      window.__enterAt = performance.timeOrigin + performance.now();
      return local.put({ _id: new Date().toISOString() + Math.random().toString(36).slice(2, 8), text }).then(() => undefined);
    },
    async bulk(n) {
      for (let i = 0; i < n; i += 500) {
        const docs = [];
        for (let k = i; k < Math.min(n, i + 500); k++) docs.push({ _id: 'offline-' + String(k).padStart(6, '0'), text: 'offline note ' + k + ' with a little text to be realistic' });
        await local.bulkDocs(docs);
      }
    },
    held: () => held,
    localCount: async () => (await local.info()).doc_count,
  };
</script>`;

interface Anchor { url: string; close(): Promise<void> }

/** pouchdb-server's HTTP layer (express-pouchdb) on a loopback port, LevelDB in a temp dir, and the page. */
async function startAnchor(): Promise<Anchor> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-pouch-'));
  const PouchDB = require('pouchdb') as { defaults(o: object): unknown };
  const expressPouch = require('express-pouchdb') as (db: unknown, o: object) => (req: unknown, res: unknown) => void;
  const couch = expressPouch(PouchDB.defaults({ prefix: `${dir}/` }), { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: join(dir, 'log.txt') });
  const bundle = readFileSync(require.resolve('pouchdb/dist/pouchdb.min.js'));
  const server: Server = createServer((req, res) => {
    if (req.url === '/pouch-bench/' || req.url === '/pouch-bench/index.html') { res.setHeader('content-type', 'text/html'); res.end(PAGE); return; }
    if (req.url === '/pouch-bench/pouchdb.min.js') { res.setHeader('content-type', 'text/javascript'); res.end(bundle); return; }
    couch(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const created = await fetch(`${url}/anchor`, { method: 'PUT' });
  if (created.status >= 300 && created.status !== 412) throw new Error(`anchor: could not create the database (${created.status})`);
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type AnchorHook = { __anchor: { start(b: number): void; put(t: string): Promise<void>; bulk(n: number): Promise<void>; held(): number; localCount(): Promise<number> }; __enterAt: number };

/** In the page: resolves once the page shows `count` docs. */
function showsAtLeast(count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => ((window as unknown as AnchorHook).__anchor.held() >= count ? resolve() : requestAnimationFrame(check));
    check();
  });
}

/** The same two figures as the console's browser path, for PouchDB live replication (batch_size 1000). */
export async function pouchAnchor(samples: number, offlineDocs: number): Promise<BrowserFigures> {
  const anchor = await startAnchor();
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const open = async (): Promise<Page> => {
      const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
      await page.addInitScript('window.__name = (f) => f;');
      await page.goto(`${anchor.url}/pouch-bench/`);
      await page.evaluate(() => (window as unknown as AnchorHook).__anchor.start(1000));
      return page;
    };
    const a = await open();
    const b = await open();
    const visible: number[] = [];
    const painted: number[] = [];
    for (let i = 0; i < samples; i++) {
      const text = `visible ${i} ${Math.random().toString(36).slice(2, 8)}`;
      const seen = b.evaluate(watchForText, text);
      await a.evaluate((t) => (window as unknown as AnchorHook).__anchor.put(t), text);
      const at = await seen;
      const enterAt = await a.evaluate(() => (window as unknown as AnchorHook).__enterAt);
      visible.push(at.dom - enterAt);
      painted.push(at.frame - enterAt);
    }
    const heldB = async () => b.evaluate(() => (window as unknown as AnchorHook).__anchor.held());
    await until('the anchor to settle', async () => (await heldB()) >= samples);
    const expected = (await a.evaluate(() => (window as unknown as AnchorHook).__anchor.localCount())) + offlineDocs;
    const before = await heldB();
    await a.context().setOffline(true);
    await a.evaluate((n) => (window as unknown as AnchorHook).__anchor.bulk(n), offlineDocs);
    const t0 = Date.now();
    await a.context().setOffline(false);
    // As an app does on the browser's 'online' event: replication restarts at once instead of waiting out its back-off.
    await a.evaluate(() => (window as unknown as AnchorHook).__anchor.start(1000));
    await Promise.all([
      until('the anchor server to hold every doc', async () => ((await (await fetch(`${anchor.url}/anchor`)).json()) as { doc_count: number }).doc_count >= expected),
      a.evaluate(showsAtLeast, offlineDocs + samples),
      b.evaluate(showsAtLeast, before + offlineDocs),
    ]);
    return { visible: latency(visible), painted: latency(painted), offline10kConvergeMs: Date.now() - t0 };
  } finally {
    await browser.close();
    await anchor.close();
  }
}
