// Personal data at rest: AES-256-GCM ciphertext plus an HMAC-SHA256 keyed hash for exact
// look-ups and uniqueness. The key comes from LIANXIN_DATA_KEY (base64, 32 bytes) or, in
// embedded mode, a key file created on first start outside the database folder.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type PiiCipher = {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Keyed hash: equal inputs give equal hashes; without the key it reveals nothing. */
  hash(plain: string): string;
};

export function createPiiCipher(masterKey: Buffer): PiiCipher {
  if (masterKey.length !== 32) throw new Error('数据加密密钥必须为 32 字节');
  const encKey = crypto.createHmac('sha256', masterKey).update('lianxin:enc').digest();
  const macKey = crypto.createHmac('sha256', masterKey).update('lianxin:mac').digest();
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(stored) {
      const raw = Buffer.from(stored.slice(3), 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    hash(plain) {
      return crypto.createHmac('sha256', macKey).update(plain).digest('base64url');
    },
  };
}

/**
 * Reads the data key from the environment, or from keyFile, creating it (mode 0600) when absent.
 * Losing the key file makes the encrypted ID numbers and phones unreadable: back it up.
 */
export function loadDataKey(envValue: string | undefined, keyFile: string): { key: Buffer; created: boolean } {
  if (envValue) {
    const key = Buffer.from(envValue, 'base64');
    if (key.length !== 32) throw new Error('LIANXIN_DATA_KEY 必须是 32 字节密钥的 base64 编码');
    return { key, created: false };
  }
  if (fs.existsSync(keyFile)) {
    const key = Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`密钥文件 ${keyFile} 已损坏`);
    return { key, created: false };
  }
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(keyFile, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return { key, created: true };
}
