import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

// The single-page app built by `vite build` into dist/web. The compiled server runs from
// dist/src/http (so ../../web is dist/web); under tsx it runs from src/http (so ../../dist/web).
// A build has an assets/ folder, which tells it apart from the source web/index.html.
const candidates = [new URL('../../dist/web/', import.meta.url), new URL('../../web/', import.meta.url)];

/** The folder holding the built web app, or undefined when it has not been built. */
export function findWebRoot(): string | undefined {
  for (const url of candidates) {
    const dir = fileURLToPath(url);
    if (existsSync(`${dir}index.html`) && existsSync(`${dir}assets`)) return dir;
  }
  return undefined;
}

export const isSpaPath = (url: string) => !url.startsWith('/api/') && url !== '/api';

/**
 * Serves the built files, and index.html for every other GET that is not /api, so that a
 * reloaded deep link (/members/12) opens the app. /api keeps its JSON 404.
 */
export async function installWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    // The build writes .br and .gz beside each file (web/vite.config.ts); send those when accepted.
    preCompressed: true,
    // Built file names carry a content hash: cache them for good; index.html never.
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/', { config: { public: true }, schema: { hide: true } }, (_req, reply) => sendIndex(reply));
}

// The content security policy is helmet's (src/app.ts), the one policy of every answer.
export function sendIndex(reply: FastifyReply) {
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}
