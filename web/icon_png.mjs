// Draws the app's PNG icons without any image library: a full-bleed red tile (so the
// icon also works as a "maskable" icon) with a white sun over a horizon, kept inside
// the central safe zone. Deterministic: the same size always gives the same bytes.
import zlib from 'node:zlib';

const RED = [0xc4, 0x1e, 0x3a];
const WHITE = [0xff, 0xff, 0xff];

// Coverage of the white mark at (x, y) in unit coordinates (0..1 across the tile).
function inMark(x, y) {
  const dx = x - 0.5, dy = y - 0.44;
  const r = Math.hypot(dx, dy);
  const ring = r <= 0.22 && r >= 0.15;
  const horizon = y >= 0.70 && y <= 0.75 && x >= 0.27 && x <= 0.73;
  return ring || horizon;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

// Returns the PNG file (8-bit RGB) of a size × size icon.
export function iconPng(size) {
  const samples = 4;  // 4×4 supersampling for smooth edges
  const stride = 1 + size * 3;
  const raw = Buffer.alloc(stride * size);
  for (let py = 0; py < size; py++) {
    raw[py * stride] = 0;  // filter type: none
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (inMark((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits++;
        }
      }
      const t = hits / (samples * samples);
      for (let c = 0; c < 3; c++) {
        raw[py * stride + 1 + px * 3 + c] = Math.round(RED[c] + (WHITE[c] - RED[c]) * t);
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;   // bit depth
  header[9] = 2;   // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
