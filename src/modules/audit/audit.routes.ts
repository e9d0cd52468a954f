import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import { auditPage, auditQuery } from './audit.schema.js';
import { auditTrail } from './audit.service.js';

// The trail is append-only: this module reads it and nothing else; no route updates or
// deletes a row (a test walks the OpenAPI document to keep it so).
export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      config: { permission: { resource: 'audit', action: 'read' } },
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thay đổi trong phạm vi của mình (ai, khi nào, từ đâu, trước và sau)',
        description: 'Lọc theo đối tượng (entityType, entityId: lịch sử một hồ sơ), người thực hiện, tổ chức (cả cây trực thuộc) và khoảng ngày. Mới nhất trước.',
        querystring: auditQuery,
        response: { 200: auditPage, ...errorResponses },
      },
    },
    async (request) => auditTrail(serviceContext(request), request.query),
  );
}
