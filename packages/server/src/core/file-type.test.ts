import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, sniffFileType } from './file-type.js';

describe('upload typing by content', () => {
  it('knows images and PDFs by their first bytes, whatever they are called', () => {
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))?.mime).toBe('image/jpeg');
    expect(sniffFileType(Buffer.from('89504e470d0a1a0a0000', 'hex'))?.mime).toBe('image/png');
    expect(sniffFileType(Buffer.from('%PDF-1.7\n'))?.mime).toBe('application/pdf');
  });

  it('refuses a script or HTML labelled as an image', () => {
    expect(sniffFileType(Buffer.from('<script>alert(1)</script>'))).toBeUndefined();
    expect(sniffFileType(Buffer.from('MZ\x90\x00'))).toBeUndefined();
  });

  it('never lets a file name become a path or break a header', () => {
    expect(cleanFileName('../../etc/passwd', 'pdf')).toBe('_.._etc_passwd.pdf');
    expect(cleanFileName('整改照片.JPG', 'jpg')).toBe('整改照片.JPG');
    expect(cleanFileName('a"b\r\n.png', 'png')).toBe('ab.png');
    expect(cleanFileName('', 'png')).toBe('附件.png');
    expect(contentDisposition('inline', '整改照片.jpg')).toBe(`inline; filename="____.jpg"; filename*=UTF-8''%E6%95%B4%E6%94%B9%E7%85%A7%E7%89%87.jpg`);
  });
});
