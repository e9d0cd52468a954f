import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../errors.js';
import { isSpaPath, sendIndex } from './web-app.js';

// Unique constraints the database enforces, mapped to the codes the API promises.
const uniqueViolations: Record<string, { code: ErrorCode; field: string }> = {
  org_code_key: { code: 'DUPLICATE_ORG_CODE', field: 'code' },
  member_citizen_id_uq: { code: 'DUPLICATE_CITIZEN_ID', field: 'citizenId' },
  member_party_card_uq: { code: 'DUPLICATE_PARTY_CARD', field: 'partyCardNo' },
  app_user_username_key: { code: 'DUPLICATE_USERNAME', field: 'username' },
};

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** Turns a database error the API can explain into an AppError; anything else stays as it is. */
export function fromDatabaseError(e: unknown): unknown {
  const pgErr = e as PgError;
  if (pgErr?.code === '23505' && pgErr.constraint && uniqueViolations[pgErr.constraint]) {
    const { code, field } = uniqueViolations[pgErr.constraint]!;
    const value = /=\((.*)\)/.exec(pgErr.detail ?? '')?.[1] ?? '';
    return new AppError(code, { value, code: value }, { field });
  }
  return e;
}

export interface ErrorHandlerOptions {
  /** Answer unknown non-/api GETs with the web app's index.html (its router decides). */
  spaFallback?: boolean;
}

export function installErrorHandler(app: FastifyInstance, opts: ErrorHandlerOptions = {}): void {
  app.setErrorHandler((raw: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(raw)) {
      const details = raw.validation.map((v) => ({
        field: [raw.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
      const err = new AppError('VALIDATION', { detail: summary }, details);
      return reply.status(err.status).send(err.toBody());
    }
    const e = fromDatabaseError(raw);
    if (e instanceof AppError) return reply.status(e.status).send(e.toBody());
    if (raw.statusCode && raw.statusCode >= 400 && raw.statusCode < 500) {
      // Fastify's own client errors (bad JSON, body too large): keep the status, hide internals.
      const err = new AppError('VALIDATION', { detail: raw.code ?? 'request' });
      return reply.status(raw.statusCode).send(err.toBody());
    }
    request.log.error({ err: raw }, 'unhandled error');
    return reply.status(500).send(new AppError('INTERNAL').toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    if (opts.spaFallback && (request.method === 'GET' || request.method === 'HEAD') && isSpaPath(request.url)) return sendIndex(reply);
    const err = new AppError('NOT_FOUND');
    reply.status(404).send(err.toBody());
  });
}
