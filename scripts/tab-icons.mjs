// Draws the tab bar icons (81×81 PNG, WeChat's recommended size) into miniprogram/images/tab/.
// Line icons described as strokes and rasterised with signed distances, so they stay a few hundred
// bytes each and need no image tool. Run after changing a shape: node scripts/tab-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'miniprogram', 'images', 'tab');
const SIZE = 81;
const STROKE = 5.5;
const COLORS = { normal: [0x5c, 0x63, 0x70], active: [0xb3, 0x26, 0x1e] }; // app.json tabBar color / selectedColor

// Shapes: distance from a point to the stroke's centre line.
const segment = (ax, ay, bx, by) => (x, y) => {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
};
const polyline = (...points) => {
  const parts = [];
  for (let i = 0; i + 3 < points.length; i += 2) parts.push(segment(points[i], points[i + 1], points[i + 2], points[i + 3]));
  return (x, y) => Math.min(...parts.map((part) => part(x, y)));
};
const ring = (cx, cy, r) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r);
/** The upper half of a circle, closed by its diameter: a person's shoulders. */
const dome = (cx, baseY, r) => {
  const base = segment(cx - r, baseY, cx + r, baseY);
  return (x, y) =>
    Math.min(base(x, y), y <= baseY ? Math.abs(Math.hypot(x - cx, y - baseY) - r) : Math.hypot(Math.abs(x - cx) - r, y - baseY));
};
/** Part of a circle, angles in degrees, clockwise from 3 o'clock (y points down). */
const arc = (cx, cy, r, from, to) => {
  const [a0, a1] = [(from * Math.PI) / 180, (to * Math.PI) / 180];
  const ends = [a0, a1].map((a) => [cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  return (x, y) => {
    const angle = Math.atan2(y - cy, x - cx);
    if (angle >= a0 && angle <= a1) return Math.abs(Math.hypot(x - cx, y - cy) - r);
    return Math.min(...ends.map(([ex, ey]) => Math.hypot(x - ex, y - ey)));
  };
};
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const [cx, cy, hw, hh] = [(x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2 - r, (y1 - y0) / 2 - r];
  const [qx, qy] = [Math.abs(x - cx) - hw, Math.abs(y - cy) - hh];
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  return Math.abs(outside);
};
const union =
  (...shapes) =>
  (x, y) =>
    Math.min(...shapes.map((shape) => shape(x, y)));

const ICONS = {
  home: union(polyline(12, 40, 40.5, 14, 69, 40), polyline(21, 35, 21, 68, 60, 68, 60, 35), polyline(34, 68, 34, 51, 47, 51, 47, 68)),
  // Two people: the delegate in front, the residents they stand for behind.
  delegates: union(ring(31, 30, 9.5), dome(31, 67, 18), ring(54, 26, 8), arc(54, 67, 17, -70, 0)),
  voting: union(roundedRect(15, 15, 66, 66, 9), polyline(27, 41, 37, 51, 55, 31)),
  me: union(ring(40.5, 28, 12), dome(40.5, 69, 24)),
};

function render(distance, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  const samples = [0.125, 0.375, 0.625, 0.875];
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      let covered = 0;
      for (const sy of samples) for (const sx of samples) if (distance(x + sx, y + sy) <= STROKE / 2) covered++;
      const o = row + 1 + x * 4;
      raw.set([r, g, b, Math.round((255 * covered) / samples.length ** 2)], o);
    }
  }
  return png(raw);
}

function png(raw) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(outDir, { recursive: true });
for (const [name, shape] of Object.entries(ICONS)) {
  for (const [state, color] of Object.entries(COLORS)) {
    const file = path.join(outDir, `${name}${state === 'active' ? '-active' : ''}.png`);
    writeFileSync(file, render(shape, color));
  }
}
console.log(`wrote ${Object.keys(ICONS).length * 2} icons to ${path.relative(root, outDir)}`);
