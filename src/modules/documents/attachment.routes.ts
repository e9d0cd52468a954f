import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { errorBody, errorResponses, idParam } from '../../http/schemas.js';
import type { Resource } from '../../domain/permissions.js';
import { serviceContext } from '../service-context.js';
import type { CaseKind } from './attachment.repository.js';
import * as service from './attachment.service.js';
import { DOCUMENT_KINDS } from '../../domain/admission/dossier-checklist.js';

// Thin routes over scanned attachments of admission, recognition and transfer cases (issue 5
// item 10): listed and downloaded with the case's read permission, uploaded with its update
// permission, in the case's scope (404 like a missing case).

/** What a client may declare; the bytes decide the stored type. */
const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'];

const CASES: { kind: CaseKind; base: string; resource: Resource; tag: string; what: string }[] = [
  { kind: 'admission', base: '/api/admission-cases', resource: 'admission', tag: 'admission', what: 'hồ sơ kết nạp' },
  { kind: 'recognition', base: '/api/recognition-cases', resource: 'recognition', tag: 'recognition', what: 'hồ sơ công nhận chính thức' },
  { kind: 'transfer', base: '/api/transfers', resource: 'transfer', tag: 'transfer', what: 'hồ sơ chuyển sinh hoạt đảng' },
];

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

const uploadQuery = z.object({
  name: z.string().min(1, 'Thiếu tên tệp').max(300, 'Tên tệp quá dài'),
  step: z.coerce.number().int().positive().optional(),
  document: z.enum(DOCUMENT_KINDS).optional(),
});

const attachment = z.object({
  id: z.number(),
  stepId: z.number().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  bytes: z.number(),
  uploadedAt: z.string(),
  document: z.string().nullable(),
});
const attachmentParams = z.object({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() });

function declaredType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export async function attachmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Upload bodies arrive raw; this parser exists only inside this plugin.
  app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: service.MAX_ATTACHMENT_BYTES }, (_req, body, done) => done(null, body));

  for (const c of CASES) {
    r.get(
      `${c.base}/:id/attachments`,
      {
        config: { permission: { resource: c.resource, action: 'read' } },
        schema: { tags: [c.tag], summary: `Các tệp quét đính kèm ${c.what}`, params: idParam, response: { 200: z.object({ items: z.array(attachment) }), ...errorResponses } },
      },
      async (request) => ({ items: await service.list(serviceContext(request), c.kind, request.params.id) }),
    );

    r.post(
      `${c.base}/:id/attachments`,
      {
        config: { permission: { resource: c.resource, action: 'update' } },
        bodyLimit: service.MAX_ATTACHMENT_BYTES,
        // Before the body is read: a declared size over the limit or a type that cannot be a scan
        // is refused with the API's own codes.
        preParsing: async (request) => {
          if (Number(request.headers['content-length'] ?? 0) > service.MAX_ATTACHMENT_BYTES) {
            throw new AppError('ATTACHMENT_TOO_LARGE', { max: service.MAX_ATTACHMENT_LABEL }, { field: 'body' });
          }
          if (!UPLOAD_TYPES.includes(declaredType(request))) {
            throw new AppError('ATTACHMENT_TYPE', { name: String((request.query as { name?: unknown }).name ?? '') }, { field: 'body' });
          }
        },
        schema: {
          tags: [c.tag],
          summary: `Đính kèm một bản quét (PDF, JPEG hoặc PNG, tối đa 10 MB) vào ${c.what}`,
          description: 'Nội dung tệp gửi thẳng trong thân yêu cầu; name: tên tệp; step: mã bước của hồ sơ (không có: đính kèm chung cho hồ sơ); document: giấy tờ nào trong danh mục hồ sơ (R-ADM-33, R-PROB-07). Loại tệp kiểm tra theo nội dung.',
          consumes: UPLOAD_TYPES,
          params: idParam,
          querystring: uploadQuery,
          response: { 201: attachment, 413: errorBody, 415: errorBody, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.upload(serviceContext(request), c.kind, request.params.id, request.query, (request.body as Buffer | undefined) ?? Buffer.alloc(0))),
    );

    r.get(
      `${c.base}/:id/attachments/:attachmentId`,
      {
        config: { permission: { resource: c.resource, action: 'read' } },
        schema: { tags: [c.tag], summary: `Tải một tệp đính kèm ${c.what}`, params: attachmentParams, response: { 200: z.unknown().describe('Tệp PDF, JPEG hoặc PNG'), ...errorResponses } },
      },
      async (request, reply) => {
        const file = await service.download(serviceContext(request), c.kind, request.params.id, request.params.attachmentId);
        return reply
          .header('content-disposition', `attachment; filename="tep-dinh-kem-${request.params.attachmentId}.${EXTENSIONS[file.contentType] ?? 'bin'}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .type(file.contentType)
          .send(file.data);
      },
    );
  }
}
