// One uploaded file from a multipart form, checked the same way for every module that takes one
// (case attachments of the ledger, projects, flows and orglife research, the dispatch engine's
// attachments, funds' vouchers and facility photos, a citizen's photo): a multipart request, one
// file, within the size limit, not empty, of an accepted type by its content (never by its name
// or the browser's label). Each refusal is an AppError in Chinese (English on request) thrown
// before the caller writes anything; the caller hands the result to its service or engine.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import { cleanFileName, sniffFileType, type SniffedType } from './file-type.js';

export type Words = { zh: string; en: string };

/** A file received and typed by its content. */
export type Upload = {
  /** The display name, cleaned and ending in the sniffed type's extension. */
  fileName: string;
  mimeType: string;
  content: Buffer;
};

export type UploadRule = {
  /** The largest accepted file; a larger one is refused with 413. */
  maxBytes: number;
  /** What the file is called in the size refusal (`附件不能超过 10 MB`); 附件/Attachments by default. */
  noun?: Words;
  /** Which sniffed types are accepted; every type `sniffFileType` knows by default. */
  accept?: (type: SniffedType) => boolean;
  /** The refusal of a type not accepted; images, PDF, Word or Excel by default. */
  refused?: Words;
  /** The refusal when no file part arrived; 没有收到文件 by default. */
  noFile?: Words;
  /** The refusal of a file over the limit, when the noun's sentence does not fit. */
  tooLarge?: Words;
  /** An empty file is refused as of the wrong type (a photo that is no picture) rather than as empty. */
  emptyIsRefusedType?: boolean;
  /** How many non-file fields may come before the file (busboy's limit); its default otherwise. */
  fields?: number;
};

/**
 * @fastify/multipart for the whole app, without its two app-wide hooks. Both exist only to delete
 * the temporary files of its disk mode (`saveRequestFiles`): an async onRequest that hangs a
 * 'close' listener on every response, and an async onResponse. Here every upload is read as a
 * stream (`receiveUpload`, `request.file()`), nothing is written to a temporary file, and so every
 * request — GETs most of all — would pay for them for nothing. (upload.test.ts checks that no code
 * turns to the disk mode, which would need them back.)
 */
export async function registerMultipart(app: FastifyInstance, limits: { fileSize: number; files: number; fields: number; parts: number }) {
  const addHook = app.addHook;
  // The plugin is registered without encapsulation (fastify-plugin): it receives `app` itself.
  app.addHook = function (this: FastifyInstance, name: string, hook: unknown) {
    if (name === 'onRequest' || name === 'onResponse') return this;
    return (addHook as (n: string, h: unknown) => FastifyInstance).call(this, name, hook);
  } as typeof app.addHook;
  try {
    await app.register(multipart, { limits });
  } finally {
    app.addHook = addHook;
  }
}

export const ANY_ATTACHMENT: Words = { zh: '只能上传图片（JPG、PNG、GIF、WebP）、PDF、Word 或 Excel 文件', en: 'Only images, PDF, Word or Excel files' };
export const NOT_MULTIPART: Words = { zh: '请以表单文件（multipart/form-data）上传', en: 'Upload as multipart/form-data' };
export const NO_FILE: Words = { zh: '没有收到文件', en: 'No file received' };
export const EMPTY_FILE: Words = { zh: '文件是空的', en: 'The file is empty' };
const ATTACHMENTS: Words = { zh: '附件', en: 'Attachments' };

/**
 * Reads the one file of a multipart request and checks it; `fields` are the text fields sent
 * before the file (a form's `document`, `phone`). Throws before anything is written.
 */
export async function receiveUpload(request: FastifyRequest, rule: UploadRule): Promise<Upload & { fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', NOT_MULTIPART);
  const limits = { fileSize: rule.maxBytes, files: 1, ...(rule.fields === undefined ? {} : { fields: rule.fields }) };
  const file = await request.file({ limits });
  if (!file) throw new AppError('validation_failed', rule.noFile ?? NO_FILE);
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(file.fields)) {
    if (value && !Array.isArray(value) && value.type === 'field') fields[name] = String(value.value);
  }
  const tooLarge = () => {
    const noun = rule.noun ?? ATTACHMENTS;
    const mb = Math.round((rule.maxBytes / 1024 / 1024) * 10) / 10;
    return new AppError('payload_too_large', rule.tooLarge ?? { zh: `${noun.zh}不能超过 ${mb} MB`, en: `${noun.en} are at most ${mb} MB` });
  };
  let content: Buffer;
  try {
    content = await file.toBuffer();
  } catch (error) {
    // @fastify/multipart throws when the file passes the limit; say which limit, not just "too large"
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw error;
  }
  if (file.file.truncated) throw tooLarge();
  if (content.length === 0 && !rule.emptyIsRefusedType) throw new AppError('validation_failed', EMPTY_FILE);
  const type = content.length ? sniffFileType(content) : undefined;
  if (!type || (rule.accept && !rule.accept(type))) throw new AppError('unsupported_media_type', rule.refused ?? ANY_ATTACHMENT);
  return { fileName: cleanFileName(file.filename, type.ext), mimeType: type.mime, content, fields };
}
