// bytea on PGlite. PGlite's own codec goes through one JS number and one two-character string per
// byte (Array.from(bytes).map(…).join('') one way, Uint8Array.from with parseInt per pair the
// other): a 17 MiB import file stored in import_file took the server from ~780 to ~1,760 MiB RSS
// and seconds of CPU.
//
// Out, the bytes are the parameter: PGlite sends a Uint8Array in the binary format, which for
// bytea is the bytes themselves, instead of hex text whose UTF-8 length it would then measure a
// character at a time (a 1 MiB part of an import file: two million characters). In, the hex text
// PGlite hands over is decoded by Buffer's hex codec, nothing per byte.

export const BYTEA_OID = 17;

export function serializeBytea(x: unknown): Uint8Array {
  // Same refusal as PGlite's codec: anything else would be stored as its toString().
  if (!(x instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return x;
}

/** Puts serializeBytea in an instance's serializers (PGlite's options type them as giving text). */
export function useBinaryBytea(serializers: Record<number, (v: unknown) => unknown>): void {
  serializers[BYTEA_OID] = serializeBytea;
}

export function parseBytea(x: string): Uint8Array {
  // Unpooled, so the result owns its whole ArrayBuffer as PGlite's Uint8Array did (a pooled
  // Buffer would share one with unrelated small buffers).
  const out = Buffer.allocUnsafeSlow((x.length - 2) >> 1);
  const n = out.write(x.slice(2), 'hex');
  return new Uint8Array(out.buffer, 0, n);
}
