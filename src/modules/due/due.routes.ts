import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import { dueList, dueSummary, dueSummaryQuery, listDueQuery } from './due.schema.js';
import * as service from './due.service.js';

// Thin routes over the due list (issue 5 item 9).

const tags = ['due'];

export async function dueRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/due-items',
    {
      config: { permission: { resource: 'due_item', action: 'read' } },
      schema: { tags, summary: 'Việc cần làm: các thời hạn của hồ sơ đang mở trong phạm vi (org lấy cả cây trực thuộc), sớm nhất trước', querystring: listDueQuery, response: { 200: dueList, ...errorResponses } },
    },
    async (request) => service.listDueItems(serviceContext(request), request.query),
  );

  r.get(
    '/api/due-items/summary',
    {
      config: { permission: { resource: 'due_item', action: 'read' } },
      schema: { tags, summary: 'Số việc quá hạn, đang gia hạn, sắp đến hạn (cho trang chủ)', querystring: dueSummaryQuery, response: { 200: dueSummary, ...errorResponses } },
    },
    async (request) => service.dueSummary(serviceContext(request), request.query),
  );

  r.get(
    '/api/due-items/own',
    {
      config: { self: true },
      schema: { tags, summary: 'Việc cần làm của chính đảng viên đăng nhập (theo hồ sơ gắn với tài khoản)', response: { 200: dueList, ...errorResponses } },
    },
    async (request) => service.ownDueItems(serviceContext(request)),
  );
}
