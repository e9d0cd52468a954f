import i18n from '../i18n/index.js';

// The server's messages are Vietnamese; its codes are stable. The message a user reads is the
// one of their language, looked up by code (serverErrors.<CODE>, or serverErrors.refusals.<reason>
// for a FORBIDDEN that says why) and filled with the parameters the server sent beside it. An
// unknown code, or a text whose parameters did not all arrive, keeps the server's own message.

type Params = Record<string, string | number>;

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
}

export function errorText(code: string, params: Params | undefined, details: unknown, serverMessage: string): string {
  const reason = code === 'FORBIDDEN' ? (details as { reason?: unknown } | null)?.reason : undefined;
  const key = typeof reason === 'string' ? `serverErrors.refusals.${reason}` : `serverErrors.${code}`;
  const template = i18n.getResource(i18n.resolvedLanguage ?? i18n.language, 'translation', key) as unknown;
  if (typeof template !== 'string') return serverMessage;
  const p = params ?? {};
  if (!placeholders(template).every((name) => name in p)) return serverMessage;
  return placeholders(template).reduce((text, name) => text.replaceAll(`{{${name}}}`, String(p[name])), template);
}
