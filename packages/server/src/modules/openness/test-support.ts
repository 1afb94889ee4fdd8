// Test helpers of the openness tests: a real 1×1 PNG (the board photo) and a multipart upload.
import type { Client } from '../../test/helpers.js';

export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** `document`: the flows' upload names the step's document in a field before the file. */
export function upload(client: Client, url: string, content: Buffer, name: string, type: string, document?: string) {
  const boundary = '----openness';
  const payload = Buffer.concat([
    ...(document ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="document"\r\n\r\n${document}\r\n`)] : []),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request('POST', url, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

