// Draws the app icon and tray icons as PNGs (no image tooling needed): `node scripts/make-icons.mjs`.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const outDir = fileURLToPath(new URL('../assets/', import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** Encodes an RGBA pixel function as a PNG; 4x4 supersampling for smooth edges. */
function png(size, shade) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
        const [pr, pg, pb, pa] = shade((x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size);
        r += pr * pa; g += pg * pa; b += pb * pa; a += pa;
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((a / 16) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 6; header[10] = 0; header[11] = 0; header[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const NONE = [0, 0, 0, 0];

// Distance from point p to segment a-b.
const segDist = (px, py, ax, ay, bx, by) => {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
};

/** App icon: a clock with a red rim on a dark rounded square (the console is about clocks coming due). */
function appIcon(u, v) {
  const m = 0.06, rad = 0.18;
  const qx = Math.max(Math.abs(u - 0.5) - (0.5 - m - rad), 0), qy = Math.max(Math.abs(v - 0.5) - (0.5 - m - rad), 0);
  if (Math.hypot(qx, qy) > rad) return NONE;
  const d = Math.hypot(u - 0.5, v - 0.5);
  if (d > 0.3 && d < 0.36) return [...hex('#e5484d'), 1];
  if (segDist(u, v, 0.5, 0.5, 0.5, 0.28) < 0.028) return [...hex('#f4f4f5'), 1];
  if (segDist(u, v, 0.5, 0.5, 0.66, 0.58) < 0.028) return [...hex('#f4f4f5'), 1];
  if (d < 0.04) return [...hex('#f4f4f5'), 1];
  return [...hex('#0f1115'), 1];
}

/** Tray dot: status colour with a light rim so it reads on dark and light panels. */
const trayIcon = (colour) => (u, v) => {
  const d = Math.hypot(u - 0.5, v - 0.5);
  if (d > 0.46) return NONE;
  if (d > 0.38) return [...hex('#f4f4f5'), 1];
  return [...hex(colour), 1];
};

mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}icon.png`, png(512, appIcon));
for (const [level, colour] of [['ok', '#30a46c'], ['due-soon', '#f5a524'], ['overdue', '#e5484d']]) {
  writeFileSync(`${outDir}tray-${level}.png`, png(16, trayIcon(colour)));
  writeFileSync(`${outDir}tray-${level}@2x.png`, png(32, trayIcon(colour)));
}
console.log(`icons written to ${outDir}`);
