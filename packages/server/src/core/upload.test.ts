// The one upload helper: each refusal is a 4xx in Chinese (English on request) and nothing is
// handed on to be written; an accepted file arrives named by its sniffed type with its fields.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHttpConventions } from './http.js';
import { receiveUpload, registerMultipart, type Upload, type UploadRule } from './upload.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const PDF = Buffer.from('%PDF-1.4\n%test\n');
const EXE = Buffer.from('MZ\x90\x00not a document');

const RULES: Record<string, UploadRule> = {
  any: { maxBytes: 1024 * 1024 },
  documents: { maxBytes: 1024 * 1024, noun: { zh: '材料', en: 'Documents' } },
  images: {
    maxBytes: 64,
    fields: 2,
    accept: (t) => t.image,
    refused: { zh: '只能上传图片（JPG、PNG、GIF、WebP）', en: 'Images only (JPG, PNG, GIF, WebP)' },
    noFile: { zh: '没有收到照片', en: 'No photo received' },
    tooLarge: { zh: '照片不能超过 64 字节', en: 'The photo is at most 64 bytes' },
    emptyIsRefusedType: true,
  },
};

let app: FastifyInstance;
/** What reached the "service": a refusal must leave this empty. */
const written: (Upload & { fields: Record<string, string> })[] = [];

beforeAll(async () => {
  app = Fastify();
  // as app.ts registers it: without the plugin's temporary-file hooks
  await registerMultipart(app, { fileSize: 1024 * 1024, files: 1, fields: 10, parts: 12 });
  await registerHttpConventions(app, { resolveSession: async () => undefined });
  app.post<{ Params: { rule: string } }>('/api/upload/:rule', { config: { policy: 'public' } }, async (request, reply) => {
    const file = await receiveUpload(request, RULES[request.params.rule]!);
    written.push(file);
    return reply.status(201).send({ fileName: file.fileName, mimeType: file.mimeType, size: file.content.length, fields: file.fields });
  });
  await app.ready();
});
afterAll(() => app.close());

function form(parts: ({ field: string; value: string } | { file: string; name: string; content: Buffer })[]) {
  const boundary = 'uploadTestBoundary';
  const chunks = parts.map((p) =>
    'field' in p
      ? Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value}\r\n`)
      : Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.file}"; filename="${p.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
          p.content,
          Buffer.from('\r\n'),
        ]),
  );
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function post(rule: string, body: { payload: Buffer | string; headers: Record<string, string> }, lang = 'zh-CN') {
  const before = written.length;
  const res = await app.inject({ method: 'POST', url: `/api/upload/${rule}`, ...body, headers: { ...body.headers, 'accept-language': lang } });
  return { res, json: res.json() as { code?: string; message?: string; fileName?: string; mimeType?: string; fields?: Record<string, string> }, wrote: written.length - before };
}

describe('receiveUpload refuses, in Chinese, and nothing is written', () => {
  it('a request that is not multipart', async () => {
    const { res, json, wrote } = await post('any', { payload: JSON.stringify({ a: 1 }), headers: { 'content-type': 'application/json' } });
    expect([res.statusCode, json.code, json.message, wrote]).toEqual([415, 'unsupported_media_type', '请以表单文件（multipart/form-data）上传', 0]);
  });

  it('a form without a file', async () => {
    const { res, json, wrote } = await post('any', form([{ field: 'document', value: '申请书' }]));
    expect([res.statusCode, json.code, json.message, wrote]).toEqual([400, 'validation_failed', '没有收到文件', 0]);
  });

  it('a file over the limit, named by its noun', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);
    const any = await post('any', form([{ file: 'file', name: 'a.png', content: big }]));
    expect([any.res.statusCode, any.json.code, any.json.message, any.wrote]).toEqual([413, 'payload_too_large', '附件不能超过 1 MB', 0]);
    const docs = await post('documents', form([{ file: 'file', name: 'a.png', content: big }]), 'en');
    expect([docs.res.statusCode, docs.json.message, docs.wrote]).toEqual([413, 'Documents are at most 1 MB', 0]);
    const photo = await post('images', form([{ file: 'file', name: 'a.png', content: big }]));
    expect([photo.res.statusCode, photo.json.message, photo.wrote]).toEqual([413, '照片不能超过 64 字节', 0]);
  });

  it('an empty file', async () => {
    const { res, json, wrote } = await post('any', form([{ file: 'file', name: 'a.png', content: Buffer.alloc(0) }]));
    expect([res.statusCode, json.code, json.message, wrote]).toEqual([400, 'validation_failed', '文件是空的', 0]);
    const photo = await post('images', form([{ file: 'file', name: 'a.png', content: Buffer.alloc(0) }]));
    expect([photo.res.statusCode, photo.json.code, photo.wrote]).toEqual([415, 'unsupported_media_type', 0]);
  });

  it('a file whose content is no accepted type, whatever its name says', async () => {
    const { res, json, wrote } = await post('any', form([{ file: 'file', name: 'report.pdf', content: EXE }]));
    expect([res.statusCode, json.code, json.message, wrote]).toEqual([415, 'unsupported_media_type', '只能上传图片（JPG、PNG、GIF、WebP）、PDF、Word 或 Excel 文件', 0]);
    const pdfAsPhoto = await post('images', form([{ file: 'file', name: 'a.jpg', content: PDF }]));
    expect([pdfAsPhoto.res.statusCode, pdfAsPhoto.json.message, pdfAsPhoto.wrote]).toEqual([415, '只能上传图片（JPG、PNG、GIF、WebP）', 0]);
  });

});

describe('receiveUpload keeps the count limits', () => {
  it('one file: a second file in the form is not read', async () => {
    const { res, json, wrote } = await post('any', form([{ file: 'a', name: 'a.png', content: PNG }, { file: 'b', name: 'b.pdf', content: PDF }]));
    expect([res.statusCode, wrote, json.fileName, json.mimeType]).toEqual([201, 1, 'a.png', 'image/png']);
  });

  it('the rule\'s number of fields: fields past it are not read', async () => {
    const { res, json } = await post('images', form([{ field: 'a', value: '1' }, { field: 'b', value: '2' }, { field: 'c', value: '3' }, { file: 'file', name: 'a.png', content: PNG }]));
    expect(res.statusCode).toBe(201);
    expect(json.fields).toEqual({ a: '1', b: '2' });
  });
});

describe('receiveUpload accepts', () => {
  it('a file typed by its content, with the fields sent before it', async () => {
    const { res, json, wrote } = await post('any', form([{ field: 'document', value: '申请书' }, { file: 'file', name: '现场.jpg', content: PNG }]));
    expect(res.statusCode).toBe(201);
    expect(wrote).toBe(1);
    expect(json).toMatchObject({ fileName: '现场.png', mimeType: 'image/png', fields: { document: '申请书' } });
  });

  it('only what the rule accepts', async () => {
    const { res, json } = await post('images', form([{ field: 'phone', value: '13800000000' }, { file: 'file', name: 'x', content: PNG }]));
    expect(res.statusCode).toBe(201);
    expect(json).toMatchObject({ fileName: 'x.png', mimeType: 'image/png', fields: { phone: '13800000000' } });
  });
});
