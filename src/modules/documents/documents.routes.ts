import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import * as service from './documents.service.js';

// Thin routes over the Word drafts of case documents (issue 5 item 10). Each is read like its case
// (same permission, same scope) and audited; no HEAD route, which would audit a file nobody received.

const docx = z.unknown().describe('Tệp Word (.docx)');

function sendDocx(reply: FastifyReply, file: service.DocumentFile) {
  return reply
    .header('content-disposition', `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    // Personal data: never kept by a shared cache or the browser's.
    .header('cache-control', 'private, no-store')
    .type(service.DOCX_CONTENT_TYPE)
    .send(file.body);
}

export async function documentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/admission-cases/:id/documents/decision.docx',
    {
      config: { permission: { resource: 'admission', action: 'read' } },
      exposeHeadRoute: false,
      schema: {
        tags: ['admission'],
        summary: 'Dự thảo quyết định kết nạp đảng viên (.docx) từ hồ sơ kết nạp đã đến bước quyết định',
        description: 'Thể thức văn bản của Đảng; chỗ hồ sơ chưa có dữ liệu để dòng chấm. 409 DOCUMENT_CASE_NOT_READY nếu hồ sơ chưa đến bước quyết định. Mỗi lần tải được ghi nhật ký.',
        params: idParam,
        response: { 200: docx, ...errorResponses },
      },
    },
    async (request, reply) => sendDocx(reply, await service.admissionDecision(serviceContext(request), request.params.id)),
  );

  r.get(
    '/api/recognition-cases/:id/documents/decision.docx',
    {
      config: { permission: { resource: 'recognition', action: 'read' } },
      exposeHeadRoute: false,
      schema: {
        tags: ['recognition'],
        summary: 'Dự thảo quyết định công nhận đảng viên chính thức (.docx)',
        description: 'Ngày chính thức là ngày lễ kết nạp + 12 tháng như hồ sơ tính. 409 DOCUMENT_CASE_NOT_READY nếu hồ sơ đề nghị hoặc quyết định xóa tên. Mỗi lần tải được ghi nhật ký.',
        params: idParam,
        response: { 200: docx, ...errorResponses },
      },
    },
    async (request, reply) => sendDocx(reply, await service.recognitionDecision(serviceContext(request), request.params.id)),
  );

  r.get(
    '/api/transfers/:id/documents/letter.docx',
    {
      config: { permission: { resource: 'transfer', action: 'read' } },
      exposeHeadRoute: false,
      schema: {
        tags: ['transfer'],
        summary: 'Dự thảo giấy giới thiệu sinh hoạt đảng (.docx) theo loại giấy của hồ sơ',
        description: 'Do cấp ủy nơi đi lập; người chỉ có quyền ở nơi đến nhận 404. Mỗi lần tải được ghi nhật ký.',
        params: idParam,
        response: { 200: docx, ...errorResponses },
      },
    },
    async (request, reply) => sendDocx(reply, await service.transferLetter(serviceContext(request), request.params.id)),
  );
}
