import { encodePng } from './png.js';

/** Samples per pixel side for anti-aliasing (4 × 4). */
const SAMPLES = 4;

type Point = readonly [number, number];

/** Inside a rectangle with rounded corners (centre, half extents, corner radius), by its signed distance. */
function inRoundedRect([x, y]: Point, [cx, cy]: Point, [hx, hy]: Point, r: number): boolean {
  const qx = Math.abs(x - cx) - (hx - r);
  const qy = Math.abs(y - cy) - (hy - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r <= 0;
}

function inTriangle([x, y]: Point, a: Point, b: Point, c: Point): boolean {
  const side = (p: Point, q: Point) => (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1]);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/**
 * The assistant's symbol, a speech bubble with three dots, in a unit square (the bubble spans 0.25–0.75 across):
 * true where the bubble is and the dots are not.
 */
function inSymbol(p: Point): boolean {
  const bubble =
    inRoundedRect(p, [0.5, 0.46], [0.25, 0.18], 0.07) || inTriangle(p, [0.35, 0.58], [0.48, 0.58], [0.32, 0.75]);
  if (!bubble) return false;
  return ![0.4, 0.5, 0.6].some((dx) => Math.hypot(p[0] - dx, p[1] - 0.46) <= 0.04);
}

/** How much of each pixel the symbol covers (0–1), drawn `scale` times its unit size around the centre. */
function coverage(size: number, scale: number): Float64Array {
  const result = new Float64Array(size * size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (inSymbol([0.5 + (x - 0.5) / scale, 0.5 + (y - 0.5) / scale])) hits++;
        }
      }
      result[py * size + px] = hits / (SAMPLES * SAMPLES);
    }
  }
  return result;
}

function rgbOf(color: string): [number, number, number] {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) throw new Error(`not a colour #rrggbb: ${color}`);
  return [parseInt(match[1] ?? '0', 16), parseInt(match[2] ?? '0', 16), parseInt(match[3] ?? '0', 16)];
}

/** Teams' colour icon: 192 × 192, the white symbol on the accent colour, fully opaque. */
export function colorIcon(accentColor: string): Buffer {
  const size = 192;
  const [r, g, b] = rgbOf(accentColor);
  const cover = coverage(size, 1);
  const pixels = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    pixels.set([r + (255 - r) * c, g + (255 - g) * c, b + (255 - b) * c, 255].map(Math.round), i * 4);
  });
  return encodePng(size, size, pixels);
}

/** Teams' outline icon: 32 × 32, the symbol in white on a transparent background (nothing but white and alpha). */
export function outlineIcon(): Buffer {
  const size = 32;
  const cover = coverage(size, 1.6);
  const pixels = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    pixels.set([255, 255, 255, Math.round(255 * c)], i * 4);
  });
  return encodePng(size, size, pixels);
}
