import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDownload } from '../../http/download.js';
import { errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import { exportLiaisonRegister } from './liaison-export.js';
import { commentBody, dueList, dueQuery, endBody, liaisonRegisterQuery, memberLiaisons, referBody, residenceLiaison } from './liaison.schema.js';
import * as service from './liaison.service.js';

// Thin routes over residence liaison (R-TRF-16) and its register (R-REC-11).

const tags = ['residence-liaison'];
const read = { permission: { resource: 'residence_liaison', action: 'read' } } as const;

export async function liaisonRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/members/:id/residence-liaisons',
    { config: read, schema: { tags, summary: 'Các lần giới thiệu đảng viên về sinh hoạt nơi cư trú, với nhận xét hằng năm (R-TRF-16)', params: idParam, response: { 200: memberLiaisons, ...errorResponses } } },
    async (request) => service.memberLiaisons(serviceContext(request), request.params.id),
  );

  r.post(
    '/api/residence-liaisons',
    {
      config: { permission: { resource: 'residence_liaison', action: 'create' } },
      schema: {
        tags,
        summary: 'Cấp ủy nơi công tác giới thiệu đảng viên về sinh hoạt nơi cư trú (R-TRF-16)',
        description: 'residenceOrgId: chi bộ nơi cư trú trong hệ thống (có thể ngoài phạm vi của người ghi), hoặc residenceName. Mỗi đảng viên chỉ một giấy giới thiệu còn hiệu lực.',
        body: referBody,
        response: { 201: residenceLiaison, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.refer(serviceContext(request), request.body)),
  );

  r.get(
    '/api/residence-liaisons/due',
    { config: read, schema: { tags, summary: 'Đảng viên được giới thiệu về nơi cư trú chưa có nhận xét của năm (R-TRF-16)', querystring: dueQuery, response: { 200: dueList, ...errorResponses } } },
    async (request) => service.dueComments(serviceContext(request), request.query),
  );

  r.get(
    '/api/residence-liaisons/export',
    {
      config: { permission: { resource: 'residence_liaison', action: 'export' } },
      exposeHeadRoute: false,
      schema: { tags, summary: 'Xuất sổ theo dõi đảng viên sinh hoạt nơi cư trú ra Excel (.xlsx) (R-REC-11)', description: 'Mỗi lần xuất được ghi nhật ký.', querystring: liaisonRegisterQuery, response: { 200: z.unknown().describe('Tệp .xlsx'), ...errorResponses } },
    },
    async (request, reply) => {
      const file = await exportLiaisonRegister(serviceContext(request), request.query, (e) => request.log.error(e, 'residence liaison register export failed'));
      return sendDownload(reply, file);
    },
  );

  r.get(
    '/api/residence-liaisons/:id',
    { config: read, schema: { tags, summary: 'Một giấy giới thiệu sinh hoạt nơi cư trú', params: idParam, response: { 200: residenceLiaison, ...errorResponses } } },
    async (request) => service.getLiaison(serviceContext(request), request.params.id),
  );

  r.post(
    '/api/residence-liaisons/:id/comments',
    {
      config: { permission: { resource: 'residence_liaison', action: 'update' } },
      schema: { tags, summary: 'Ghi nhận xét hằng năm của cấp ủy nơi cư trú (mỗi năm một lần)', params: idParam, body: commentBody, response: { 200: residenceLiaison, ...errorResponses } },
    },
    async (request) => service.addComment(serviceContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/residence-liaisons/:id/end',
    {
      config: { permission: { resource: 'residence_liaison', action: 'update' } },
      schema: { tags, summary: 'Kết thúc giới thiệu sinh hoạt nơi cư trú (chuyển nơi ở, nghỉ hưu, thôi công tác)', params: idParam, body: endBody, response: { 200: residenceLiaison, ...errorResponses } },
    },
    async (request) => service.endLiaison(serviceContext(request), request.params.id, request.body),
  );
}
