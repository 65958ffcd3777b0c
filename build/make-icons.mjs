// Draws CallPop's icons with plain Node (no image tools needed), so they can be regenerated
// anywhere: `node build/make-icons.mjs`. The outputs are committed.
//   build/icon.png, build/icon.ico   app icon for electron-builder (Windows, Linux)
//   build/icons/app.png               window icon on Linux
//   build/icons/<state>.png (+@2x)    tray icons: idle, ringing, in-call, problem
//   build/icons/<state>-missed.png    the same with a badge: missed calls not looked at yet
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const hex = (h) => [
  parseInt(h.slice(1, 3), 16),
  parseInt(h.slice(3, 5), 16),
  parseInt(h.slice(5, 7), 16),
];

/**
 * A filled disc in `color` with a white "pop" mark: a ring and a dot, slightly off-centre like
 * a speech bubble. `mark` picks the inner shape per state. With `badge`, a dot in the top right
 * corner, cut out of the disc so it shows on every state: there are missed calls not looked at.
 * 4×4 supersampling for smooth edges.
 */
function draw(size, color, mark, badge = null) {
  const base = hex(color);
  const badgeColor = badge ? hex(badge) : null;
  const out = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let alpha = 0;
      const sum = [0, 0, 0];
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const u = ((x + (sx + 0.5) / S) / size) * 2 - 1;
          const v = ((y + (sy + 0.5) / S) / size) * 2 - 1;
          let rgb = null;
          const b = badgeColor ? Math.hypot(u - 0.58, v + 0.58) : Infinity;
          if (b <= 0.4) rgb = badgeColor;
          else if (b <= 0.54) rgb = null;
          else if (Math.hypot(u, v) <= 0.96) rgb = mark(u, v) ? [255, 255, 255] : base;
          if (rgb) {
            alpha++;
            for (let k = 0; k < 3; k++) sum[k] += rgb[k];
          }
        }
      }
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) out[i + k] = alpha ? Math.round(sum[k] / alpha) : base[k];
      out[i + 3] = Math.round((255 * alpha) / (S * S));
    }
  }
  return png(size, out);
}

const ring = (u, v) => {
  const d = Math.hypot(u, v);
  return d >= 0.42 && d <= 0.6;
};
const dot = (u, v) => Math.hypot(u, v) <= 0.22;
const marks = {
  app: (u, v) => ring(u, v) || dot(u, v),
  idle: (u, v) => ring(u, v),
  ringing: (u, v) => ring(u, v) || dot(u, v),
  'in-call': (u, v) => Math.hypot(u, v) <= 0.5,
  // An exclamation mark.
  problem: (u, v) =>
    (Math.abs(u) <= 0.12 && v >= -0.6 && v <= 0.2) || Math.hypot(u, v - 0.45) <= 0.13,
};
const colors = {
  app: '#1f6feb',
  idle: '#57606a',
  ringing: '#d97706',
  'in-call': '#1a7f37',
  problem: '#cf222e',
};

function write(rel, data) {
  const file = join(here, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
}

for (const state of ['idle', 'ringing', 'in-call', 'problem']) {
  write(`icons/${state}.png`, draw(16, colors[state], marks[state]));
  write(`icons/${state}@2x.png`, draw(32, colors[state], marks[state]));
  // The same state with missed calls not looked at yet (red, orange on the red problem icon).
  const badge = state === 'problem' ? '#d97706' : '#cf222e';
  write(`icons/${state}-missed.png`, draw(16, colors[state], marks[state], badge));
  write(`icons/${state}-missed@2x.png`, draw(32, colors[state], marks[state], badge));
}
write('icons/app.png', draw(256, colors.app, marks.app));
write('icon.png', draw(512, colors.app, marks.app));

// ICO with PNG-compressed images (Windows Vista and later read these at every size).
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const images = icoSizes.map((s) => draw(s, colors.app, marks.app));
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(icoSizes.length, 4);
let offset = 6 + 16 * icoSizes.length;
const entries = icoSizes.map((s, i) => {
  const e = Buffer.alloc(16);
  e[0] = s === 256 ? 0 : s;
  e[1] = s === 256 ? 0 : s;
  e.writeUInt16LE(1, 4); // planes
  e.writeUInt16LE(32, 6); // bits per pixel
  e.writeUInt32LE(images[i].length, 8);
  e.writeUInt32LE(offset, 12);
  offset += images[i].length;
  return e;
});
write('icon.ico', Buffer.concat([header, ...entries, ...images]));
console.log('icons written to build/');
