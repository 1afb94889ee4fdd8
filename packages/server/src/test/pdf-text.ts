// Reads back what a PDF made by core/pdf.ts says, for tests: each page's text (through the font's
// ToUnicode map, as a reader's copy-and-paste would), the page count, and the embedded fonts' names.
// Enough of PDF for pdfkit's output (Flate streams, hex-string TJ arrays), not a general parser.
import zlib from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, PDFDict } from 'pdf-lib';

function inflate(stream: PDFRawStream): string {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const bytes = stream.getContents();
  return (filter ? zlib.inflateSync(Buffer.from(bytes)) : Buffer.from(bytes)).toString('latin1');
}

/** glyph code (hex) → text, from every ToUnicode CMap in the file. */
function toUnicode(doc: PDFDocument): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream)) continue;
    const text = inflate(obj);
    if (!text.includes('begincmap')) continue;
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(m[1]!.toLowerCase(), utf16(m[2]!));
    }
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
        const lo = parseInt(m[1]!, 16);
        const hi = parseInt(m[2]!, 16);
        const width = m[1]!.length;
        const targets = m[3]!.startsWith('[') ? [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => x[1]!) : null;
        for (let c = lo; c <= hi; c++) {
          const key = c.toString(16).padStart(width, '0');
          if (targets) map.set(key, utf16(targets[c - lo]!));
          else {
            const base = Buffer.from(m[3]!.slice(1, -1), 'hex');
            base.writeUInt16BE(base.readUInt16BE(base.length - 2) + (c - lo), base.length - 2);
            map.set(key, base.swap16().toString('utf16le'));
          }
        }
      }
    }
  }
  return map;
}

export async function readPdf(buf: Buffer) {
  const doc = await PDFDocument.load(buf);
  const cmap = toUnicode(doc);
  const pages = doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFRawStream ? [contents] : contents ? (contents as unknown as { asArray: () => unknown[] }).asArray().map((r) => doc.context.lookup(r as never)) : [];
    let out = '';
    for (const s of streams) {
      if (!(s instanceof PDFRawStream)) continue;
      const ops = inflate(s);
      for (const m of ops.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|(ET)/g)) {
        if (m[3]) { out += '\n'; continue; }
        const hexes = m[1] !== undefined ? [...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!) : [m[2]!];
        for (const hex of hexes) for (let i = 0; i < hex.length; i += 4) out += cmap.get(hex.slice(i, i + 4).toLowerCase()) ?? '\uFFFD';
      }
    }
    return out;
  });
  const fonts: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict && obj.get(PDFName.of('Type')) === PDFName.of('FontDescriptor')) {
      const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((k) => obj.get(PDFName.of(k)));
      fonts.push(`${String(obj.get(PDFName.of('FontName'))).slice(1)}${embedded ? '' : ' (not embedded)'}`);
    }
  }
  return { pageCount: doc.getPageCount(), pages, fonts };
}
