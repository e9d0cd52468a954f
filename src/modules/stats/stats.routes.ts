import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import { statsBody, statsQuery } from './stats.schemas.js';
import * as service from './stats.service.js';

// Authenticate (auth hook) → validate (zod) → scope (request.scope, applied in SQL) → service.
// The service result is already the API shape (camelCase).
export async function statsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/orgs/:id/stats',
    {
      config: { permission: { resource: 'stats', action: 'read' } },
      schema: {
        tags: ['stats'],
        summary: 'Số liệu thống kê tổ chức đảng và đảng viên của một tổ chức (toàn bộ cấp dưới)',
        params: idParam,
        querystring: statsQuery,
        response: { 200: statsBody, ...errorResponses },
      },
    },
    async (request) => service.orgStats(serviceContext(request), request.params.id, request.query),
  );

  r.get(
    '/api/stats',
    {
      config: { permission: { resource: 'stats', action: 'read' } },
      schema: {
        tags: ['stats'],
        summary: 'Số liệu thống kê trong toàn bộ phạm vi của người dùng',
        querystring: statsQuery,
        response: { 200: statsBody, ...errorResponses },
      },
    },
    async (request) => service.scopeStats(serviceContext(request), request.query),
  );
}
