import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { makeAccess, NO_ACCESS } from '../modules/auth/access.js';
import { activeGrants } from '../modules/auth/access.repository.js';
import { authenticate, csrfTokenOf } from '../modules/auth/auth.service.js';
import { EMPTY_SCOPE } from '../modules/auth/scope.js';

export const SESSION_COOKIE = 'dangvu_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const isApi = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

// Every /api route says who may call it: `public`, `self` (any signed-in caller, about
// themself), or the `permission` it needs. A route that says none of these is a programming
// error and stops the server at start-up instead of serving it open or closed by accident.
function checkRouteDeclaresAccess(url: string, config: Record<string, unknown> | undefined): void {
  if (!isApi(url) || url === '/api/docs') return;
  const declared = ['public', 'self', 'permission'].filter((k) => config?.[k] !== undefined);
  if (declared.length !== 1) throw new Error(`route ${url} must declare exactly one of public, self, permission (has ${declared.join(', ') || 'none'})`);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// Cross-site request forgery: a state-changing request must come from our own pages (the
// browser's Origin and Sec-Fetch-Site say where it was made) and, once signed in, carry the
// session's anti-forgery token, which another site cannot read.
function checkForgery(request: FastifyRequest, allowedOrigins: readonly string[], sessionToken: string | undefined): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers['sec-fetch-site'] === 'cross-site') throw new AppError('CSRF_REJECTED', {}, { reason: 'sec-fetch-site' });
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `${request.protocol}://${request.host}` && !allowedOrigins.includes(origin)) {
    throw new AppError('CSRF_REJECTED', {}, { reason: 'origin' });
  }
  if (sessionToken === undefined) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !sameText(sent, csrfTokenOf(sessionToken))) throw new AppError('CSRF_REJECTED', {}, { reason: 'token' });
}

// Authenticate → forgery check → sign-in complete? → permission and scope. Runs before the body
// is parsed, so an anonymous or forbidden caller learns nothing from validation errors.
export function installAuthHook(app: FastifyInstance): void {
  app.decorateRequest('user', null);
  app.decorateRequest('scope', null as unknown as typeof EMPTY_SCOPE);
  app.decorateRequest('access', null as unknown as typeof NO_ACCESS);
  app.addHook('onRoute', (route) => checkRouteDeclaresAccess(route.url, route.config as Record<string, unknown> | undefined));
  app.addHook('onRequest', async (request) => {
    request.scope = EMPTY_SCOPE;
    request.access = NO_ACCESS;
    if (!isApi(request.url)) return;
    const config = request.routeOptions.config ?? {};
    const token = request.cookies[SESSION_COOKIE];
    const { ctx } = app;
    const user = await authenticate(ctx.db, ctx.clock, ctx.session, token);
    request.user = user;
    checkForgery(request, ctx.security.allowedOrigins, user ? token : undefined);
    if (config.public) return;
    if (!user) throw new AppError('UNAUTHENTICATED');
    const step = config.signInStep;
    const stageAllows = user.stage === 'full' || step === true || (step !== undefined && step.includes(user.stage));
    if (!stageAllows) throw new AppError('SECOND_FACTOR_REQUIRED', {}, { stage: user.stage });
    if (user.mustChangePassword && step === undefined) throw new AppError('PASSWORD_CHANGE_REQUIRED', {}, { stage: 'password_change' });
    request.access = makeAccess(await activeGrants(ctx.db, user.userId, ctx.clock.today()));
    const permission = config.permission;
    if (!permission) return;
    if (!request.access.can(permission.resource, permission.action)) throw new AppError('FORBIDDEN');
    request.scope = request.access.scopeFor(permission.resource, permission.action);
  });
}
