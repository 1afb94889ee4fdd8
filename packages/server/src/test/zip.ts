// Zips written by hand, so the tests can break them, or order their entries, in every way.
import zlib from 'node:zlib';

export type ZipFileEntry = { name: string; data: Buffer; declaredSize?: number; deflated?: Buffer; store?: boolean };

/** A zip of these entries in this order (deflated unless `store`); `declaredSize` lies about the unpacked size. */
export function zip(entries: ZipFileEntry[], opts: { gapAfterFirst?: number } = {}): Buffer {
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  entries.forEach((e, i) => {
    const body = e.store ? e.data : (e.deflated ?? zlib.deflateRawSync(e.data));
    const method = e.store ? 0 : 8;
    const name = Buffer.from(e.name);
    const crc = zlib.crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(body.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(body.length, 20); central.writeUInt32LE(size, 24); central.writeUInt16LE(name.length, 28); central.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
    if (i === 0 && opts.gapAfterFirst) {
      parts.push(Buffer.alloc(opts.gapAfterFirst));
      offset += opts.gapAfterFirst;
    }
  });
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10); end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}
