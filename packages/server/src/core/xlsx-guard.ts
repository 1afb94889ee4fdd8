// Upload guard for .xlsx files, run BEFORE any parser sees the bytes. An .xlsx is a zip: we read
// its central directory ourselves and refuse, with a clear 4xx, anything that is not a plain
// workbook of bounded size:
//   - not a zip (magic bytes), or an old .xls / encrypted workbook (an OLE container) → 415
//   - a broken zip (no end record, entries outside the file, local headers that disagree with the
//     central directory, bytes hidden between entries, a bad CRC) → 400
//   - no xl/workbook.xml (e.g. a .docx or any other zip) → 415
//   - too many entries, or more unpacked bytes than allowed (zip bombs) → 413. The declared sizes
//     are not trusted: every entry is inflated once, counting bytes and stopping at the declared
//     size, so a bomb that lies in its headers is caught too, without holding its output.
// Entry names are checked but never used as paths (exceljs writes its temporary files under
// names of its own).
import zlib from 'node:zlib';
import { AppError } from './errors.js';

export type XlsxLimits = {
  /** Most entries (files) in the archive. */
  maxEntries: number;
  /** Most bytes all entries may unpack to, together. */
  maxUnpackedBytes: number;
};

/** A roster of 50,000 rows unpacks to about 45 MB; a workbook needs some 10–20 entries. */
export const DEFAULT_XLSX_LIMITS: XlsxLimits = { maxEntries: 1000, maxUnpackedBytes: 160 * 1024 * 1024 };

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  unpackedSize: number;
  localOffset: number;
  /** Where the entry's compressed bytes start (after its local header). */
  dataOffset: number;
};

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_DESCRIPTOR = 0x08074b50;
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const notXlsx = () =>
  new AppError('unsupported_media_type', {
    zh: '只接受 Excel 工作簿（.xlsx）文件',
    en: 'Only Excel workbooks (.xlsx) are accepted',
  });
const corrupt = (why: string) =>
  new AppError('validation_failed', { zh: `文件已损坏，无法读取（${why}）`, en: `The file is damaged and cannot be read (${why})` });
const tooBig = () =>
  new AppError('payload_too_large', {
    zh: '文件解压后过大或包含的文件过多（疑似压缩炸弹），已拒绝',
    en: 'The file unpacks to too much data or too many entries (a zip bomb?); refused',
  });

/**
 * Reads and checks the zip structure (no decompression): answers the entries in file order, or
 * throws an AppError (4xx).
 */
export function inspectXlsx(buf: Buffer, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): ZipEntry[] {
  if (buf.length >= 8 && OLE_MAGIC.every((b, i) => buf[i] === b)) {
    throw new AppError('unsupported_media_type', {
      zh: '这是旧版 Excel（.xls）或加密的工作簿，请另存为未加密的 .xlsx 后再上传',
      en: 'This is an old .xls or an encrypted workbook; save it as an unencrypted .xlsx first',
    });
  }
  if (buf.length < 30 || buf.readUInt32LE(0) !== SIG_LOCAL) throw notXlsx();

  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === SIG_END && i + 22 + buf.readUInt16LE(i + 20) === buf.length) {
      end = i;
      break;
    }
  }
  if (end < 0) throw corrupt('缺少目录');
  const diskEntries = buf.readUInt16LE(end + 8);
  const count = buf.readUInt16LE(end + 10);
  const cdSize = buf.readUInt32LE(end + 12);
  const cdOffset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw tooBig(); // ZIP64: far beyond any roster
  if (buf.readUInt16LE(end + 4) !== 0 || buf.readUInt16LE(end + 6) !== 0 || diskEntries !== count) throw corrupt('分卷压缩');
  if (count > limits.maxEntries) throw tooBig();
  if (cdOffset + cdSize !== end) throw corrupt('目录位置不符');

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let declared = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== SIG_CENTRAL) throw corrupt('目录项无效');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const unpackedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > end) throw corrupt('目录项越界');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;

    if (compressedSize === 0xffffffff || unpackedSize === 0xffffffff || localOffset === 0xffffffff) throw tooBig();
    if (flags & 0x1) {
      throw new AppError('unsupported_media_type', { zh: '不支持加密的工作簿', en: 'Encrypted workbooks are not supported' });
    }
    if (method !== 0 && method !== 8) throw corrupt('不支持的压缩方式');
    // Names are never used as paths; still, a workbook has no absolute or climbing names.
    if (!name || name.includes('\0') || name.includes('\\') || name.startsWith('/') || name.split('/').includes('..')) {
      throw corrupt('文件名异常');
    }
    if (names.has(name)) throw corrupt('文件名重复');
    names.add(name);
    declared += unpackedSize;
    if (declared > limits.maxUnpackedBytes) throw tooBig();

    // The local header must agree with the directory (a streaming parser reads the local ones).
    if (localOffset + 30 > cdOffset || buf.readUInt32LE(localOffset) !== SIG_LOCAL) throw corrupt('文件头无效');
    const localNameLen = buf.readUInt16LE(localOffset + 26);
    const localExtraLen = buf.readUInt16LE(localOffset + 28);
    const localName = buf.toString('utf8', localOffset + 30, localOffset + 30 + localNameLen);
    if (localName !== name || buf.readUInt16LE(localOffset + 8) !== method || buf.readUInt16LE(localOffset + 6) !== flags) {
      throw corrupt('文件头与目录不符');
    }
    if (!(flags & 0x8) && (buf.readUInt32LE(localOffset + 18) !== compressedSize || buf.readUInt32LE(localOffset + 22) !== unpackedSize)) {
      throw corrupt('文件头与目录不符');
    }
    const dataOffset = localOffset + 30 + localNameLen + localExtraLen;
    if (dataOffset + compressedSize > cdOffset) throw corrupt('数据越界');
    if (method === 0 && compressedSize !== unpackedSize) throw corrupt('数据长度不符');
    entries.push({ name, method, flags, crc, compressedSize, unpackedSize, localOffset, dataOffset });
  }
  if (p !== end) throw corrupt('目录长度不符');

  // Entries lie back to back from byte 0 to the directory: nothing hidden between them that a
  // streaming parser would read and this check would not.
  entries.sort((a, b) => a.localOffset - b.localOffset);
  let expected = 0;
  for (const e of entries) {
    if (e.localOffset !== expected) throw corrupt('存在未登记的数据');
    expected = e.dataOffset + e.compressedSize;
    if (e.flags & 0x8) {
      const hasSig = expected + 4 <= cdOffset && buf.readUInt32LE(expected) === SIG_DESCRIPTOR;
      expected += hasSig ? 16 : 12;
    }
  }
  if (expected !== cdOffset) throw corrupt('存在未登记的数据');
  if (!names.has('xl/workbook.xml')) {
    throw new AppError('unsupported_media_type', {
      zh: '不是 Excel 工作簿（缺少 xl/workbook.xml）',
      en: 'Not an Excel workbook (no xl/workbook.xml)',
    });
  }
  return entries;
}

/** Inflates one entry, counting bytes (never holding them), and checks its size and CRC. */
function verifyEntry(buf: Buffer, e: ZipEntry): Promise<void> {
  const data = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  const crc32 = (zlib as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
  if (e.method === 0) {
    if (crc32 && crc32(data) >>> 0 !== e.crc) return Promise.reject(corrupt('校验和错误'));
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let size = 0;
    let crc = 0;
    let settled = false;
    const fail = (err: AppError) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      reject(err);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > e.unpackedSize) return fail(tooBig()); // it lied about its size
      if (crc32) crc = crc32(chunk, crc);
    });
    inflate.on('error', () => fail(corrupt('压缩数据无效')));
    inflate.on('end', () => {
      if (settled) return;
      if (size !== e.unpackedSize) return fail(corrupt('数据长度不符'));
      if (crc32 && crc >>> 0 !== e.crc) return fail(corrupt('校验和错误'));
      settled = true;
      resolve();
    });
    inflate.end(data);
  });
}

/**
 * The whole guard: structure, limits, and every entry's real unpacked size. Throws an AppError
 * (415, 413 or 400) for anything that is not a sound, bounded .xlsx.
 */
export async function guardXlsx(buf: Buffer, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): Promise<ZipEntry[]> {
  const entries = inspectXlsx(buf, limits);
  for (const e of entries) await verifyEntry(buf, e);
  return entries;
}
