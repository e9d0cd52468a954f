import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTotpKey, TOTP_KEY_BYTES } from './secret-box.js';

export const TOTP_KEY_FILE = 'totp.key';

/**
 * The key that seals TOTP secrets. Configured (DANGVU_TOTP_KEY) it is used as given. Without it,
 * a server on PostgreSQL (production) refuses to start rather than keep secrets in plaintext; the
 * embedded database keeps a generated key in DATA_DIR/totp.key (mode 0600), beside the data it
 * protects — enough for a demo or a single machine, and the reason production must configure one.
 */
export function resolveTotpKey(c: { DANGVU_TOTP_KEY?: string; DATABASE_URL?: string; DATA_DIR: string }, log: (line: string) => void): Buffer {
  if (c.DANGVU_TOTP_KEY !== undefined) {
    const key = parseTotpKey(c.DANGVU_TOTP_KEY);
    if (!key) throw new Error(`DANGVU_TOTP_KEY phải là ${TOTP_KEY_BYTES} byte, dạng 64 chữ số hex hoặc base64 (ví dụ: openssl rand -hex 32)`);
    return key;
  }
  if (c.DATABASE_URL) {
    throw new Error(
      'Chưa đặt DANGVU_TOTP_KEY: máy chủ dùng PostgreSQL không khởi động khi chưa có khóa mã hóa khóa xác thực hai lớp ' +
        '(tạo bằng: openssl rand -hex 32). / DANGVU_TOTP_KEY is required with DATABASE_URL.',
    );
  }
  const file = join(c.DATA_DIR, TOTP_KEY_FILE);
  if (existsSync(file)) {
    const key = parseTotpKey(readFileSync(file, 'utf8'));
    if (!key) throw new Error(`Tệp khóa ${file} không hợp lệ (cần 64 chữ số hex)`);
    return key;
  }
  mkdirSync(c.DATA_DIR, { recursive: true });
  const key = randomBytes(TOTP_KEY_BYTES);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  log(`Đã tạo khóa mã hóa xác thực hai lớp tại ${file} (giữ tệp này cùng dữ liệu; mất tệp thì phải đặt lại xác thực hai lớp).`);
  return key;
}
