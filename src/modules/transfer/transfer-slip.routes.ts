import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDownload } from '../../http/download.js';
import { errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import { exportSlipRegister } from './transfer-slip-export.js';
import { caseSlip, issueSlipBody, returnSlipBody, slipList, slipListQuery, slipRegisterQuery } from './transfer-slip.schema.js';
import * as service from './transfer-slip.service.js';

// Thin routes over transfer slips (R-TRF-09), their check lists (R-REC-08, R-EXIT-05) and register (R-REC-11).

const tags = ['transfer'];

export async function transferSlipRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/transfers/:id/slip',
    {
      config: { permission: { resource: 'transfer', action: 'read' } },
      schema: { tags, summary: 'Phiếu báo chuyển sinh hoạt đảng của một hồ sơ (R-TRF-09), với hạn kiểm tra (R-REC-08)', params: idParam, response: { 200: caseSlip, ...errorResponses } },
    },
    async (request) => service.getSlip(serviceContext(request), request.params.id),
  );

  r.post(
    '/api/transfers/:id/slip',
    {
      config: { permission: { resource: 'transfer', action: 'update' } },
      schema: {
        tags,
        summary: 'Ghi 2 phiếu báo gửi kèm giấy giới thiệu chuyển sinh hoạt chính thức (R-TRF-09); do nơi đi ghi, sau khi có giấy giới thiệu',
        params: idParam,
        body: issueSlipBody,
        response: { 201: caseSlip, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.issueSlip(serviceContext(request), request.params.id, request.body)),
  );

  r.post(
    '/api/transfers/:id/slip/return',
    {
      config: { permission: { resource: 'transfer', action: 'update' } },
      schema: { tags, summary: 'Ghi phiếu báo đã được nơi đến gửi lại ("đã báo nhận")', params: idParam, body: returnSlipBody, response: { 200: caseSlip, ...errorResponses } },
    },
    async (request) => service.returnSlip(serviceContext(request), request.params.id, request.body),
  );

  r.get(
    '/api/transfer-slips',
    {
      config: { permission: { resource: 'transfer', action: 'read' } },
      schema: {
        tags,
        summary: 'Phiếu báo của các hồ sơ chuyển sinh hoạt trong phạm vi',
        description: 'filter: all | overdue (quá 3 tháng chưa báo nhận, R-REC-08) | lapsed (quá 3 tháng sau phiếu báo chưa nộp hồ sơ, R-EXIT-05: xem xét xóa tên).',
        querystring: slipListQuery,
        response: { 200: slipList, ...errorResponses },
      },
    },
    async (request) => ({ items: (await service.listSlips(serviceContext(request), request.query)).items }),
  );

  r.get(
    '/api/transfer-slips/export',
    {
      config: { permission: { resource: 'transfer', action: 'export' } },
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: 'Xuất sổ theo dõi phiếu báo chuyển sinh hoạt đảng ra Excel (.xlsx) (R-REC-11)',
        description: 'Mỗi lần xuất được ghi nhật ký.',
        querystring: slipRegisterQuery,
        response: { 200: z.unknown().describe('Tệp .xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await exportSlipRegister(serviceContext(request), request.query, (e) => request.log.error(e, 'transfer slip register export failed'));
      return sendDownload(reply, file);
    },
  );
}
