// Chunk sizes of the web build for the UI bench: what the first load fetches (index.html's script and
// modulepreload links, CSS) and every chunk loaded later on demand, gzip-compressed as a server would send them.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export interface Chunks { initial: { files: string[]; gzipKb: number; rawKb: number }; lazy: Array<{ file: string; gzipKb: number }> }

const kb = (n: number) => Math.round(n / 102.4) / 10;

export function chunkSizes(outDir: string): Chunks {
  const html = readFileSync(`${outDir}/index.html`, 'utf8');
  const referenced = new Set([...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string));
  const files = readdirSync(`${outDir}/assets`).filter((f) => f.endsWith('.js') || f.endsWith('.css')).map((f) => `assets/${f}`);
  const size = (f: string) => { const b = readFileSync(`${outDir}/${f}`); return { raw: b.length, gzip: gzipSync(b).length }; };
  const initialFiles = files.filter((f) => referenced.has(f));
  const sizes = initialFiles.map(size);
  return {
    initial: { files: initialFiles, gzipKb: kb(sizes.reduce((n, s) => n + s.gzip, 0)), rawKb: kb(sizes.reduce((n, s) => n + s.raw, 0)) },
    lazy: files.filter((f) => !referenced.has(f)).map((f) => ({ file: f, gzipKb: kb(size(f).gzip) })).sort((a, b) => b.gzipKb - a.gzipKb),
  };
}
