// The one way the web app talks to the server: same-origin JSON, the session cookie, and the
// anti-forgery token on every state-changing request (the server refuses them without it).

import { errorText } from './error-text.js';

export interface FieldMessage {
  field: string;
  message: string;
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown; params?: Record<string, string | number> };
}

/**
 * An answer other than 2xx, with the server's stable code; `message` is in the user's language
 * (error-text.ts), `serverMessage` the server's Vietnamese one.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly serverMessage: string,
    readonly details: unknown,
    /** Seconds to wait, from Retry-After (429). */
    readonly retryAfter: number | null,
    params?: Record<string, string | number>,
  ) {
    super(errorText(code, params, details, serverMessage));
    this.name = 'ApiError';
  }

  /** Field messages in either shape the API sends: {field} (one) or [{field, message}]. */
  fieldMessages(): FieldMessage[] {
    if (Array.isArray(this.details)) {
      return this.details
        .filter((d): d is FieldMessage => typeof d?.field === 'string')
        .map((d) => ({ field: stripBodyPrefix(d.field), message: typeof d.message === 'string' ? d.message : this.message }));
    }
    const one = this.details as { field?: unknown } | null;
    return typeof one?.field === 'string' ? [{ field: stripBodyPrefix(one.field), message: this.message }] : [];
  }
}

// Validation errors name fields as "body.fullName"; the forms know them as "fullName".
const stripBodyPrefix = (field: string) => field.replace(/^(body|querystring|params)\./, '');

let csrfToken = '';
const unauthenticatedListeners = new Set<() => void>();

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (expired, revoked), so the app can sign out. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const raw = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : null;
  if (res.ok) return parsed as T;
  const err = (parsed as ErrorBody | null)?.error;
  const retry = Number(res.headers.get('retry-after'));
  const apiError = new ApiError(
    res.status,
    err?.code ?? `HTTP_${res.status}`,
    err?.message ?? res.statusText,
    err?.details ?? null,
    Number.isFinite(retry) && retry > 0 ? retry : null,
    err?.params,
  );
  // A sign-in attempt that fails is not a lost session.
  if (res.status === 401 && apiError.code === 'UNAUTHENTICATED') for (const l of unauthenticatedListeners) l();
  throw apiError;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', withQuery(path, query), undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** A file as the raw request body (application/octet-stream), its other inputs in the query. */
  upload: <T>(path: string, query: Query, file: Blob) => request<T>('POST', withQuery(path, query), file),
};
