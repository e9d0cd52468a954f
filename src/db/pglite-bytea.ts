// bytea on PGlite crosses the wire as hex text ('\x…'). PGlite's own codec goes through one JS
// number and one two-character string per byte (Array.from(bytes).map(…).join('') one way,
// Uint8Array.from with parseInt per pair the other): a 17 MiB import file stored in import_file
// took the server from ~780 to ~1,760 MiB RSS and seconds of CPU. Buffer's hex codec needs the
// hex string and the bytes, nothing per byte.

export const BYTEA_OID = 17;

export function serializeBytea(x: Uint8Array): string {
  // Same refusal as PGlite's codec: anything else would be stored as its toString().
  if (!(x instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return '\\x' + Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex');
}

export function parseBytea(x: string): Uint8Array {
  // Unpooled, so the result owns its whole ArrayBuffer as PGlite's Uint8Array did (a pooled
  // Buffer would share one with unrelated small buffers).
  const out = Buffer.allocUnsafeSlow((x.length - 2) >> 1);
  const n = out.write(x.slice(2), 'hex');
  return new Uint8Array(out.buffer, 0, n);
}
