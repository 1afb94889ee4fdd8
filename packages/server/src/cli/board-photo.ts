// A picture of a disclosure board for the demo and the browser journey, drawn as a PNG in code so
// nothing is downloaded (no image assets, no fonts).
import zlib from 'node:zlib';

/** A picture of a disclosure board (red header, three posted sheets), made here so nothing is downloaded. */
export function boardPhoto(width = 480, height = 320): Buffer {
  const px = Buffer.alloc((width * 3 + 1) * height);
  const put = (x: number, y: number, [r, g, b]: [number, number, number]) => {
    const o = y * (width * 3 + 1) + 1 + x * 3;
    px[o] = r;
    px[o + 1] = g;
    px[o + 2] = b;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let c: [number, number, number] = [214, 204, 178]; // the board
      if (y < 56) c = [183, 22, 27]; // the red header
      else if (y > height - 18) c = [120, 90, 60]; // the frame
      for (let s = 0; s < 3; s++) {
        const left = 24 + s * 150;
        if (x >= left && x < left + 130 && y >= 74 && y < height - 32) {
          c = [250, 250, 246];
          const line = (y - 90) % 14;
          if (y >= 90 && line < 3 && x > left + 10 && x < left + 120 - ((y * 7 + s * 13) % 40)) c = [150, 150, 150];
          if (y >= 76 && y < 86 && x > left + 30 && x < left + 100) c = [183, 22, 27];
        }
      }
      if (y >= 18 && y < 38 && x >= 150 && x < 330 && (x - 150) % 30 < 22) c = [255, 214, 102]; // the title
      put(x, y, c);
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(px)), chunk('IEND', Buffer.alloc(0))]);
}
