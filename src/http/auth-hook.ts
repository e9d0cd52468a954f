import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { authenticate } from '../modules/auth/auth.service.js';
import { EMPTY_SCOPE, makeScope } from '../modules/auth/scope.js';

export const SESSION_COOKIE = 'dangvu_session';

// Authenticate → (validate, in the route schema) → scope. Every /api route needs a session
// unless its config says public. Until role assignments exist, a signed-in user's scope is the
// whole tree ('/' prefixes every path).
export function installAuthHook(app: FastifyInstance): void {
  app.decorateRequest('user', null);
  app.decorateRequest('scope', null as unknown as typeof EMPTY_SCOPE);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const user = await authenticate(app.ctx.db, app.ctx.clock, app.ctx.session, request.cookies[SESSION_COOKIE]);
    request.user = user;
    request.scope = user ? makeScope(['/']) : EMPTY_SCOPE;
    if (!user && !request.routeOptions.config?.public) throw new AppError('UNAUTHENTICATED');
  });
}
