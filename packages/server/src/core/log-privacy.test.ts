// Personal data never reaches the log: the request log writes the path without its query string
// and no body; error messages that quote values have their digits masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/helpers.js';
import { scrubPii } from './http.js';

const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ logger: { level: 'trace', stream: { write: (line: string) => void lines.push(line) } } });
});
afterAll(() => t.close());

describe('the log holds no personal data', () => {
  it('tracking with a phone and searching the roster by name leave neither in the log', async () => {
    const county = await t.as('county');
    lines.length = 0;
    await t.anonymous.get('/api/public/requests/ABCDEF1234?phone=13912345678');
    await county.get('/api/people?name=张三');
    await county.get(`/api/people?name=${encodeURIComponent('李四光')}&page=1`);
    await t.anonymous.post('/api/auth/login', { username: 'county', password: 'Secret-13912345678' });
    await county.post('/api/people', { name: '王五', gender: 'male', idNumber: '610222199001011234', phone: '13812345678' });
    const log = lines.join('\n');
    expect(log).toContain('/api/people'); // the requests were logged…
    expect(log).toContain('/api/public/requests/ABCDEF1234');
    for (const secret of ['13912345678', '13812345678', '610222199001011234', '张三', '李四光', encodeURIComponent('张三'), encodeURIComponent('李四光'), '王五', 'Secret-']) {
      expect(log, secret).not.toContain(secret); // …without their personal data
    }
  });

  it('masks long digit runs in logged error messages', () => {
    expect(scrubPii('invalid input syntax for type bigint: "13912345678"')).toBe('invalid input syntax for type bigint: "***********"');
    expect(scrubPii('Key (id_hash)=(61022219900101123X) already exists')).not.toMatch(/\d{7}/);
    expect(scrubPii('port 5432, pid 123456')).toBe('port 5432, pid 123456');
  });
});
