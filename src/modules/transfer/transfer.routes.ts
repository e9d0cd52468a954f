import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import * as blocks from './transfer-block.service.js';
import {
  attachedList,
  attachedQuery,
  blockState,
  clearBlockBody,
  listTransfersQuery,
  openTransferBody,
  recordTransferStepBody,
  setBlockBody,
  transferCase,
  transferList,
} from './transfer.schema.js';
import * as service from './transfer.service.js';

// Thin routes over transfer cases (issue 5 item 4) and the transfer-block flag (R-TRF-04).

const tags = ['transfer'];

export async function transferRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/transfers',
    {
      config: { permission: { resource: 'transfer', action: 'read' } },
      schema: {
        tags,
        summary: 'Danh sách hồ sơ chuyển sinh hoạt đảng (nơi đi hoặc nơi đến thuộc phạm vi)',
        description: 'state: một hoặc nhiều trạng thái, cách nhau bởi dấu phẩy; kind: permanent | temporary; direction: out (đi từ phạm vi hoặc org) | in (đến).',
        querystring: listTransfersQuery,
        response: { 200: transferList, ...errorResponses },
      },
    },
    async (request) => service.listCases(serviceContext(request), request.query),
  );

  r.post(
    '/api/transfers',
    {
      config: { permission: { resource: 'transfer', action: 'create' } },
      schema: {
        tags,
        summary: 'Lập hồ sơ chuyển sinh hoạt đảng chính thức hoặc tạm thời cho một đảng viên (mỗi người chỉ một hồ sơ đang mở)',
        description:
          'destination: inside (chi bộ trong hệ thống, destinationOrgId) | outside (ngoài hệ thống, destinationText) | abroad (ra nước ngoài). ' +
          'Tạm thời: temporaryBasis (stay | study) và endDate (R-TRF-06). Bị từ chối khi đảng viên đang bị kiểm tra hoặc có khiếu nại (R-TRF-04).',
        body: openTransferBody,
        response: { 201: transferCase, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.openCase(serviceContext(request), request.body)),
  );

  r.get(
    '/api/transfers/attached',
    {
      config: { permission: { resource: 'transfer', action: 'read' } },
      schema: {
        tags,
        summary: 'Đảng viên sinh hoạt tạm thời theo nơi đến, với gợi ý lập chi bộ tạm thời khi từ 3 đảng viên chính thức (R-TRF-07, R-TRF-08)',
        querystring: attachedQuery,
        response: { 200: attachedList, ...errorResponses },
      },
    },
    async (request) => service.attached(serviceContext(request), request.query.org),
  );

  r.get(
    '/api/transfers/:id',
    {
      config: { permission: { resource: 'transfer', action: 'read' } },
      schema: { tags, summary: 'Hồ sơ chuyển sinh hoạt đảng với toàn bộ các bước đã ghi', params: idParam, response: { 200: transferCase, ...errorResponses } },
    },
    async (request) => service.getCase(serviceContext(request), request.params.id),
  );

  r.post(
    '/api/transfers/:id/steps',
    {
      config: { permission: { resource: 'transfer', action: 'update' } },
      schema: {
        tags,
        summary: 'Ghi một bước của hồ sơ chuyển sinh hoạt đảng',
        description:
          'Theo thứ tự: self_review (R-TRF-11), dues (đóng đảng phí đến tháng, R-TRF-10), letter (giấy giới thiệu: loại và nơi ký theo R-TRF-09, R-TRF-03), ' +
          'receipt (nơi đến tiếp nhận, cần xác nhận của cấp ủy nơi đi, R-TRF-05; chỉ khi nơi đến trong hệ thống), completion (chuyển chính thức: đảng viên sang chi bộ mới ' +
          'hoặc ra khỏi hệ thống; tạm thời: trở về). Các bước của nơi đi do nơi đi ghi, receipt và completion của chuyển chính thức trong hệ thống do nơi đến ghi.',
        params: idParam,
        body: recordTransferStepBody,
        response: { 200: transferCase, ...errorResponses },
      },
    },
    async (request) => service.recordStep(serviceContext(request), request.params.id, request.body),
  );

  r.get(
    '/api/members/:id/transfer-block',
    {
      config: { permission: { resource: 'transfer_block', action: 'read' } },
      schema: { tags, summary: 'Đảng viên có đang bị kiểm tra hoặc có khiếu nại chưa giải quyết (R-TRF-04)', params: idParam, response: { 200: blockState, ...errorResponses } },
    },
    async (request) => blocks.getBlock(serviceContext(request), request.params.id),
  );

  r.put(
    '/api/members/:id/transfer-block',
    {
      config: { permission: { resource: 'transfer_block', action: 'update' } },
      schema: {
        tags,
        summary: 'Ghi đảng viên đang bị kiểm tra hoặc có khiếu nại, tố cáo: không được chuyển sinh hoạt đảng (R-TRF-04)',
        params: idParam,
        body: setBlockBody,
        response: { 200: blockState, ...errorResponses },
      },
    },
    async (request) => blocks.setBlock(serviceContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/members/:id/transfer-block/clear',
    {
      config: { permission: { resource: 'transfer_block', action: 'update' } },
      schema: { tags, summary: 'Gỡ ghi nhận đang bị kiểm tra hoặc khiếu nại (đã kết thúc)', params: idParam, body: clearBlockBody, response: { 200: blockState, ...errorResponses } },
    },
    async (request) => blocks.clearBlock(serviceContext(request), request.params.id, request.body),
  );
}
