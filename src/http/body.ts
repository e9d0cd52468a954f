import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

/** JSON bodies; photos have their own limit on their route. */
export const JSON_BODY_LIMIT = 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
// A "\ud800" escape decodes to half a character, which the database driver would replace.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A NUL (which PostgreSQL text cannot hold) or a lone surrogate anywhere in a parsed value.
 * Walked with an explicit stack: a deeply nested body must not overflow the call stack.
 */
function hasBadText(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.includes('\0') || LONE_SURROGATE.test(value)) return true;
    } else if (Array.isArray(value)) {
      for (const v of value) stack.push(v);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) stack.push(k, v);
    }
  }
  return false;
}

/**
 * JSON bodies are decoded strictly: invalid UTF-8 would otherwise turn silently into U+FFFD
 * and be stored, and a NUL would reach the database and fail there. Both answer INVALID_TEXT;
 * unreadable JSON answers MALFORMED_BODY. Fastify's own parser still guards against
 * prototype poisoning.
 */
export function installJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new AppError('INVALID_TEXT', {}, { field: 'body', reason: 'utf8' }), undefined);
      return;
    }
    parseJson(request, text, (err, value) => {
      if (err) {
        const empty = (err as { code?: string }).code === 'FST_ERR_CTP_EMPTY_JSON_BODY';
        done(new AppError('MALFORMED_BODY', {}, { field: 'body', reason: empty ? 'empty' : 'syntax' }), undefined);
      } else if (hasBadText(value)) {
        done(new AppError('INVALID_TEXT', {}, { field: 'body', reason: 'nul_or_surrogate' }), undefined);
      } else {
        done(null, value);
      }
    });
  });
}
