// Uploads are typed by their content, never by their name or the browser's label.

export type SniffedType = { mime: string; ext: string; image: boolean };

const SIGNATURES: { bytes: number[]; offset?: number; type: SniffedType }[] = [
  { bytes: [0xff, 0xd8, 0xff], type: { mime: 'image/jpeg', ext: 'jpg', image: true } },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], type: { mime: 'image/png', ext: 'png', image: true } },
  { bytes: [0x47, 0x49, 0x46, 0x38], type: { mime: 'image/gif', ext: 'gif', image: true } },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], type: { mime: 'application/pdf', ext: 'pdf', image: false } },
];

function startsWith(buf: Buffer, bytes: number[], offset = 0) {
  return buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);
}

/** The type of a file by its first bytes; undefined when it is none of the accepted kinds. */
export function sniffFileType(buf: Buffer): SniffedType | undefined {
  for (const s of SIGNATURES) if (startsWith(buf, s.bytes, s.offset)) return s.type;
  // WebP: RIFF....WEBP
  if (startsWith(buf, [0x52, 0x49, 0x46, 0x46]) && buf.subarray(8, 12).toString('latin1') === 'WEBP') {
    return { mime: 'image/webp', ext: 'webp', image: true };
  }
  // Office Open XML (docx, xlsx): a zip whose first entry names the package content types
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const head = buf.subarray(0, Math.min(buf.length, 4096)).toString('latin1');
    if (head.includes('[Content_Types].xml') || head.includes('word/') || head.includes('xl/')) {
      if (head.includes('word/')) return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', image: false };
      return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', image: false };
    }
  }
  return undefined;
}

/** A display name safe to store and to send back in Content-Disposition (never used as a path). */
export function cleanFileName(name: string | undefined, ext: string): string {
  const base = (name ?? '')
    .replace(/[\\/]/g, '_')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 120);
  if (!base) return `附件.${ext}`;
  return base.toLowerCase().endsWith(`.${ext}`) ? base : `${base.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.${ext}`;
}

export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
