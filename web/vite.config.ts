import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The SPA lives in web/ and is built into dist/web, beside the compiled server (dist/src), which
// serves it. In development `npm run dev:web` proxies /api to a server on :3000 (`npm run dev`).

/**
 * Writes .br and .gz beside every text file of the build, once, at maximum compression, so the
 * server sends them as they are (@fastify/static preCompressed) instead of compressing on every
 * request: the first page's JavaScript goes over the wire at about a quarter of its size.
 */
function precompress(): Plugin {
  return {
    name: 'dangvu-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir!;
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg)$/.test(file)) continue;
        const data = await readFile(join(dir, file));
        if (data.length < 1024) continue;
        await writeFile(join(dir, `${file}.br`), brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        await writeFile(join(dir, `${file}.gz`), gzipSync(data, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // The content security policy forbids data: and inline scripts; keep every asset a file.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
