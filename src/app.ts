import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_TRUST_PROXY } from './config.js';
import { installJsonParser, JSON_BODY_LIMIT } from './http/body.js';
import { installAuthHook } from './http/auth-hook.js';
import type { AppContext } from './http/context.js';
import { installErrorHandler } from './http/error-handler.js';
import { installWebApp } from './http/web-app.js';
import { accountRoutes } from './modules/account/account.routes.js';
import { admissionRoutes } from './modules/admission/admission.routes.js';
import { recognitionRoutes } from './modules/recognition/recognition.routes.js';
import { transferRoutes } from './modules/transfer/transfer.routes.js';
import { badgeRoutes } from './modules/badge/badge.routes.js';
import { dossierRoutes } from './modules/records/dossier.routes.js';
import { recordsRoutes } from './modules/records/records.routes.js';
import { cellResolutionRoutes } from './modules/records/cell-resolution.routes.js';
import { liaisonRoutes } from './modules/liaison/liaison.routes.js';
import { transferSlipRoutes } from './modules/transfer/transfer-slip.routes.js';
import { exitRoutes } from './modules/exit/exit.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { totpRoutes } from './modules/auth/totp.routes.js';
import { dueRoutes } from './modules/due/due.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { attachmentRoutes } from './modules/documents/attachment.routes.js';
import { documentRoutes } from './modules/documents/documents.routes.js';
import { importRoutes } from './modules/import/import.routes.js';
import { memberRoutes } from './modules/member/member.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { statsRoutes } from './modules/stats/stats.routes.js';
import { targetRoutes } from './modules/targets/targets.routes.js';

export interface BuildAppOptions {
  logger?: boolean | { level: string };
  /** Folder of the built web app (dist/web) to serve at /; API-only when absent (the API tests). */
  webRoot?: string;
  /** Which proxies may name the client in X-Forwarded-For (config TRUST_PROXY). */
  trustProxy?: boolean | string;
}

// Validation messages in Vietnamese, like every other message of the API.
z.config(z.locales.vi());

/**
 * Security headers. The content security policy allows only this server's own scripts, so the
 * Swagger UI at /api/docs (its scripts are files, its icons data: URLs, its styles partly
 * inline) and the same-origin web app work, and injected markup cannot run script or be framed.
 */
function helmetOptions(httpsOnly: boolean) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only behind HTTPS: on plain http it would send the browser to an https that is not there.
        ...(httpsOnly ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' as const },
    hsts: httpsOnly ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' as const },
  };
}

export async function buildApp(ctx: AppContext, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, trustProxy: opts.trustProxy ?? DEFAULT_TRUST_PROXY, bodyLimit: JSON_BODY_LIMIT });
  app.decorate('ctx', ctx);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, { spaFallback: opts.webRoot !== undefined });
  installJsonParser(app);

  await app.register(helmet, helmetOptions(ctx.cookieSecure));
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Đảng vụ API', version: '0.1.0', description: 'API công tác tổ chức xây dựng Đảng' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dangvu_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // No online validator badge: it would load an image from another site.
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', validatorUrl: null } });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  installAuthHook(app);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(totpRoutes);
  await app.register(orgRoutes);
  await app.register(memberRoutes);
  await app.register(statsRoutes);
  await app.register(accountRoutes);
  await app.register(auditRoutes);
  await app.register(admissionRoutes);
  await app.register(importRoutes);
  await app.register(dueRoutes);
  await app.register(recognitionRoutes);
  await app.register(transferRoutes);
  await app.register(badgeRoutes);
  await app.register(recordsRoutes);
  await app.register(dossierRoutes);
  await app.register(transferSlipRoutes);
  await app.register(liaisonRoutes);
  await app.register(cellResolutionRoutes);
  await app.register(exitRoutes);
  await app.register(targetRoutes);
  await app.register(documentRoutes);
  await app.register(attachmentRoutes);
  if (opts.webRoot) await installWebApp(app, opts.webRoot);
  return app;
}
