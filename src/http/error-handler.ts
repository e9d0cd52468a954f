import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { RuleNotInForceError } from '../domain/rules/params.js';
import { AppError, type ErrorCode } from '../errors.js';
import { isSpaPath, sendIndex } from './web-app.js';

// Unique constraints the database enforces, mapped to the codes the API promises.
const uniqueViolations: Record<string, { code: ErrorCode; field: string }> = {
  org_code_key: { code: 'DUPLICATE_ORG_CODE', field: 'code' },
  member_citizen_id_uq: { code: 'DUPLICATE_CITIZEN_ID', field: 'citizenId' },
  member_party_card_uq: { code: 'DUPLICATE_PARTY_CARD', field: 'partyCardNo' },
  app_user_username_key: { code: 'DUPLICATE_USERNAME', field: 'username' },
  candidate_citizen_id_uq: { code: 'DUPLICATE_CANDIDATE', field: 'citizenId' },
  admission_case_open_citizen_uq: { code: 'ADMISSION_CASE_OPEN', field: 'candidateId' },
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

/** Database refusals of the text itself (a NUL, bytes the encoding cannot hold): the caller's input, not our fault. */
const BAD_TEXT_SQLSTATES = new Set(['22021', '22P05']);

/** Fastify's own client errors (body too large, wrong content type, bad header) in the API's terms. */
function fromFastifyClientError(raw: FastifyError, request: FastifyRequest): AppError {
  if (raw.statusCode === 413) return new AppError('BODY_TOO_LARGE', { max: `${Math.round(request.routeOptions.bodyLimit / 1024)} KB` }, { field: 'body' });
  if (raw.statusCode === 415) {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().slice(0, 100);
    return new AppError('UNSUPPORTED_MEDIA_TYPE', { type }, { field: 'content-type' });
  }
  return new AppError('MALFORMED_BODY', {}, { reason: raw.code ?? 'request' });
}

interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: { keys?: unknown };
}

/** One detail per offending field; an unknown field is named, not reported as its parent object. */
function validationDetails(context: string | undefined, issues: readonly ValidationIssue[]) {
  return issues.flatMap((v) => {
    const at = [context, ...v.instancePath.split('/').filter(Boolean)];
    if (v.keyword === 'unrecognized_keys' && Array.isArray(v.params?.keys)) {
      return v.params.keys.map((k) => ({ field: [...at, String(k)].join('.'), message: 'Trường không được chấp nhận' }));
    }
    return [{ field: at.join('.'), message: v.message ?? '' }];
  });
}

export interface ErrorHandlerOptions {
  /** Answer unknown non-/api GETs with the web app's index.html (its router decides). */
  spaFallback?: boolean;
}

export function installErrorHandler(app: FastifyInstance, opts: ErrorHandlerOptions = {}): void {
  app.setErrorHandler((raw: FastifyError, request, reply) => {
    const send = (err: AppError) => {
      const details = err.details as { retryAfterSeconds?: unknown } | undefined;
      if (typeof details?.retryAfterSeconds === 'number') reply.header('retry-after', String(details.retryAfterSeconds));
      return reply.status(err.status).send(err.toBody());
    };
    if (hasZodFastifySchemaValidationErrors(raw)) {
      const details = validationDetails(raw.validationContext, raw.validation as unknown as ValidationIssue[]);
      const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
      return send(new AppError('VALIDATION', { detail: summary }, details));
    }
    const e = fromDatabaseError(raw);
    if (e instanceof AppError) return send(e);
    if (BAD_TEXT_SQLSTATES.has((raw as PgError).code ?? '')) return send(new AppError('INVALID_TEXT'));
    // A date before the first version of a rule it needs: the caller's date, not our fault. Services
    // that know which field carried it say so; this names the rule's date for the others.
    if (raw instanceof RuleNotInForceError) return send(new AppError('RULE_NOT_IN_FORCE', { date: raw.date, field: 'date' }, { field: 'date', param: raw.param }));
    if (raw.statusCode && raw.statusCode >= 400 && raw.statusCode < 500) {
      // Keep the status Fastify chose, hide its internals.
      const err = fromFastifyClientError(raw, request);
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
