import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import * as exemptions from './exemption.service.js';
import {
  createExemptionBody,
  deathBody,
  endExemptionBody,
  exemption,
  exemptionList,
  exitResult,
  listExemptionQuery,
  listRemovalQuery,
  openRemovalBody,
  recordRemovalStepBody,
  removalCase,
  removalList,
  withdrawalBody,
} from './exit.schema.js';
import * as service from './exit.service.js';

// Thin routes over exits (removal cases, leaving on request, death) and exemptions (issue 5 item 5).

const tags = ['exits'];

export async function exitRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/exits',
    {
      config: { permission: { resource: 'exit', action: 'read' } },
      schema: {
        tags,
        summary: 'Danh sách hồ sơ xóa tên đảng viên',
        description: 'state: một hoặc nhiều trạng thái, cách nhau bởi dấu phẩy; member: hồ sơ của một đảng viên. Mỗi hồ sơ kèm các bước tiếp theo và thời hạn đang chạy.',
        querystring: listRemovalQuery,
        response: { 200: removalList, ...errorResponses },
      },
    },
    async (request) => service.listRemovals(serviceContext(request), request.query),
  );

  r.post(
    '/api/exits',
    {
      config: { permission: { resource: 'exit', action: 'create' } },
      schema: {
        tags,
        summary: 'Lập hồ sơ đề nghị xóa tên một đảng viên với căn cứ (mỗi người chỉ một hồ sơ đang mở)',
        body: openRemovalBody,
        response: { 201: removalCase, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.openRemoval(serviceContext(request), request.body)),
  );

  r.get(
    '/api/exits/:id',
    {
      config: { permission: { resource: 'exit', action: 'read' } },
      schema: { tags, summary: 'Hồ sơ xóa tên với toàn bộ các bước đã ghi', params: idParam, response: { 200: removalCase, ...errorResponses } },
    },
    async (request) => service.getRemoval(serviceContext(request), request.params.id),
  );

  r.post(
    '/api/exits/:id/steps',
    {
      config: { permission: { resource: 'exit', action: 'update' } },
      schema: {
        tags,
        summary: 'Ghi một bước của hồ sơ xóa tên',
        description:
          'Các bước theo thứ tự: self_review_request (mỗi lần yêu cầu tự kiểm điểm và trả lời; sau lần thứ ba từ chối chi bộ vẫn xem xét), cell_resolution (≥ 2/3), ' +
          'grassroots_resolution (chỉ khi chi bộ trực thuộc đảng ủy cơ sở, ≥ 2/3), decision (> 1/2; đảng viên bị xóa tên từ ngày quyết định), notification (ngày đảng viên ' +
          'nhận quyết định), rồi appeal (trong 30 ngày làm việc) và appeal_resolution (upheld: phục hồi, tuổi đảng liên tục, phải đóng đảng phí thời gian gián đoạn), ' +
          'hoặc finalize sau khi hết thời hạn khiếu nại. Biểu quyết không đạt kết thúc hồ sơ. version: phiên bản hồ sơ đã đọc, 409 nếu đã cũ.',
        params: idParam,
        body: recordRemovalStepBody,
        response: { 200: removalCase, ...errorResponses },
      },
    },
    async (request) => service.recordRemovalStep(serviceContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/exits/withdrawals',
    {
      config: { permission: { resource: 'exit', action: 'create' } },
      schema: {
        tags,
        summary: 'Ghi quyết định cho đảng viên ra khỏi Đảng theo đơn (R-EXIT-07)',
        description: 'Không giải quyết khi đảng viên đang vi phạm tư cách (violating: true): phải xem xét kỷ luật trước. version: phiên bản hồ sơ đảng viên.',
        body: withdrawalBody,
        response: { 200: exitResult, ...errorResponses },
      },
    },
    async (request) => service.recordWithdrawal(serviceContext(request), request.body),
  );

  r.post(
    '/api/exits/deaths',
    {
      config: { permission: { resource: 'exit', action: 'create' } },
      schema: { tags, summary: 'Báo đảng viên từ trần (từ ngày mất; hồ sơ được giữ)', body: deathBody, response: { 200: exitResult, ...errorResponses } },
    },
    async (request) => service.recordDeath(serviceContext(request), request.body),
  );

  r.get(
    '/api/exemptions',
    {
      config: { permission: { resource: 'exemption', action: 'read' } },
      schema: {
        tags,
        summary: 'Danh sách quyết định miễn công tác và sinh hoạt đảng',
        description: 'current=true: đang được miễn; false: đã kết thúc.',
        querystring: listExemptionQuery,
        response: { 200: exemptionList, ...errorResponses },
      },
    },
    async (request) => exemptions.listExemptions(serviceContext(request), request.query),
  );

  r.post(
    '/api/exemptions',
    {
      config: { permission: { resource: 'exemption', action: 'create' } },
      schema: {
        tags,
        summary: 'Ghi quyết định miễn công tác và sinh hoạt đảng (R-EXIT-10, 11, 12)',
        description: 'Đảng viên chuyển sang "miễn công tác và sinh hoạt" từ ngày from; to: ngày trở lại sinh hoạt (bắt buộc và dưới 12 tháng với miễn tạm thời).',
        body: createExemptionBody,
        response: { 201: exemption, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await exemptions.createExemption(serviceContext(request), request.body)),
  );

  r.get(
    '/api/exemptions/:id',
    {
      config: { permission: { resource: 'exemption', action: 'read' } },
      schema: { tags, summary: 'Một quyết định miễn công tác và sinh hoạt đảng', params: idParam, response: { 200: exemption, ...errorResponses } },
    },
    async (request) => exemptions.getExemption(serviceContext(request), request.params.id),
  );

  r.post(
    '/api/exemptions/:id/end',
    {
      config: { permission: { resource: 'exemption', action: 'update' } },
      schema: {
        tags,
        summary: 'Kết thúc miễn công tác và sinh hoạt: đảng viên sinh hoạt trở lại (chính thức) từ ngày date',
        params: idParam,
        body: endExemptionBody,
        response: { 200: exemption, ...errorResponses },
      },
    },
    async (request) => exemptions.endExemption(serviceContext(request), request.params.id, request.body),
  );
}
