import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSealed, parseTotpKey, secretBox } from './secret-box.js';
import { resolveTotpKey, TOTP_KEY_FILE } from './totp-key.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('secretBox (AES-256-GCM)', () => {
  const box = secretBox(Buffer.alloc(32, 1));

  it('seals to a value that shows nothing of the secret and opens back to it', () => {
    const sealed = box.seal(SECRET, 42);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain(SECRET);
    expect(box.seal(SECRET, 42)).not.toBe(sealed); // a fresh IV each time
    expect(box.open(sealed, 42)).toBe(SECRET);
  });

  it('refuses another key, another account, and any tampering', () => {
    const sealed = box.seal(SECRET, 42);
    expect(() => secretBox(Buffer.alloc(32, 2)).open(sealed, 42)).toThrow();
    expect(() => box.open(sealed, 43)).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(() => box.open(`v1.${raw.toString('base64url')}`, 42)).toThrow();
  });

  it('tells a plaintext secret from before sealing (null), and refuses a key of the wrong size', () => {
    expect(box.open(SECRET, 42)).toBeNull();
    expect(() => secretBox(Buffer.alloc(16))).toThrow(/32 byte/);
  });

  it('reads the key as 64 hex digits or base64 of 32 bytes, nothing else', () => {
    const key = Buffer.alloc(32, 9);
    expect(parseTotpKey(key.toString('hex'))).toEqual(key);
    expect(parseTotpKey(` ${key.toString('base64')}\n`)).toEqual(key);
    expect(parseTotpKey('abc')).toBeNull();
    expect(parseTotpKey(Buffer.alloc(31).toString('hex'))).toBeNull();
  });
});

describe('resolveTotpKey', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'dangvu-key-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const logs: string[] = [];
  const log = (l: string) => void logs.push(l);

  it('uses the configured key', () => {
    const key = Buffer.alloc(32, 3);
    expect(resolveTotpKey({ DANGVU_TOTP_KEY: key.toString('hex'), DATABASE_URL: 'postgres://x/y', DATA_DIR: dir() }, log)).toEqual(key);
    expect(() => resolveTotpKey({ DANGVU_TOTP_KEY: 'kort', DATA_DIR: dir() }, log)).toThrow(/DANGVU_TOTP_KEY/);
  });

  it('refuses to start on PostgreSQL without a key', () => {
    expect(() => resolveTotpKey({ DATABASE_URL: 'postgres://x/y', DATA_DIR: dir() }, log)).toThrow(/Chưa đặt DANGVU_TOTP_KEY/);
  });

  it('generates a key file under DATA_DIR for the embedded database (owner-only), and reuses it', () => {
    const d = dir();
    const first = resolveTotpKey({ DATA_DIR: d }, log);
    const file = join(d, TOTP_KEY_FILE);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('hex'));
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    expect(resolveTotpKey({ DATA_DIR: d }, log)).toEqual(first);
    writeFileSync(file, 'hỏng');
    expect(() => resolveTotpKey({ DATA_DIR: d }, log)).toThrow(/không hợp lệ/);
  });
});

describe('server start-up', () => {
  it('stops before opening PostgreSQL when no key is configured', async () => {
    const { startServer } = await import('../../server.js');
    const { loadConfig } = await import('../../config.js');
    // Port 1 refuses connections: reaching the database would fail differently.
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', LOG_LEVEL: 'silent' });
    await expect(startServer(config, () => undefined)).rejects.toThrow(/Chưa đặt DANGVU_TOTP_KEY/);
  });
});
