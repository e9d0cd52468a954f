import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// TOTP secrets at rest: AES-256-GCM with the installation's key (DANGVU_TOTP_KEY, or the key file
// of the embedded database). A copy of the database alone does not give the codes away.
//
// Stored form: 'v1.' + base64url(iv(12) ‖ tag(16) ‖ ciphertext). Base32 secrets never contain
// '.', so a value without the prefix is a plaintext secret from before encryption (read once,
// then sealed: sealPlaintextSecrets and the read path). The user id is bound in as associated
// data, so a sealed secret copied onto another account does not open.

const PREFIX = 'v1.';
export const TOTP_KEY_BYTES = 32;

export interface SecretBox {
  seal(plaintext: string, userId: number): string;
  /** The plaintext, or null when the value is not sealed (a legacy plaintext secret). */
  open(stored: string, userId: number): string | null;
}

const aad = (userId: number) => Buffer.from(`dangvu:totp:${userId}`);

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function secretBox(key: Uint8Array): SecretBox {
  if (key.length !== TOTP_KEY_BYTES) throw new Error(`Khóa mã hóa phải dài ${TOTP_KEY_BYTES} byte (có ${key.length})`);
  return {
    seal(plaintext, userId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(userId));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
    },
    open(stored, userId) {
      if (!isSealed(stored)) return null;
      const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12)).setAAD(aad(userId));
      decipher.setAuthTag(raw.subarray(12, 28));
      // A wrong key or a tampered value throws here: never a silently wrong secret.
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** The key as configured: 64 hex digits or base64 of 32 bytes. */
export function parseTotpKey(text: string): Buffer | null {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(t) ? Buffer.from(t, 'base64') : null;
  return key && key.length === TOTP_KEY_BYTES ? key : null;
}
