import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import { listRecognitionQuery, openRecognitionBody, recognitionCase, recognitionList, recordRecognitionStepBody } from './recognition.schema.js';
import * as service from './recognition.service.js';

// Thin routes over recognition cases of probationary members (issue 5 item 3).

const tags = ['recognition'];

export async function recognitionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/recognition-cases',
    {
      config: { permission: { resource: 'recognition', action: 'read' } },
      schema: {
        tags,
        summary: 'Danh sách hồ sơ xét công nhận đảng viên chính thức',
        description: 'state: một hoặc nhiều trạng thái, cách nhau bởi dấu phẩy. Mỗi hồ sơ kèm bước tiếp theo và các thời hạn đang chạy.',
        querystring: listRecognitionQuery,
        response: { 200: recognitionList, ...errorResponses },
      },
    },
    async (request) => service.listCases(serviceContext(request), request.query),
  );

  r.post(
    '/api/recognition-cases',
    {
      config: { permission: { resource: 'recognition', action: 'create' } },
      schema: {
        tags,
        summary: 'Lập hồ sơ xét công nhận chính thức cho một đảng viên dự bị (mỗi người chỉ một hồ sơ đang mở)',
        body: openRecognitionBody,
        response: { 201: recognitionCase, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.openCase(serviceContext(request), request.body)),
  );

  r.get(
    '/api/recognition-cases/:id',
    {
      config: { permission: { resource: 'recognition', action: 'read' } },
      schema: { tags, summary: 'Hồ sơ xét công nhận chính thức với toàn bộ các bước đã ghi', params: idParam, response: { 200: recognitionCase, ...errorResponses } },
    },
    async (request) => service.getCase(serviceContext(request), request.params.id),
  );

  r.post(
    '/api/recognition-cases/:id/steps',
    {
      config: { permission: { resource: 'recognition', action: 'update' } },
      schema: {
        tags,
        summary: 'Ghi một bước của hồ sơ xét công nhận chính thức',
        description:
          'Các bước theo thứ tự: self_review (sau khi hết 12 tháng dự bị), cell_resolution (đề nghị công nhận hoặc xóa tên; biểu quyết không đạt được ghi và ' +
          'biểu quyết lại, lần thứ ba chuyển cấp trên), grassroots_resolution (chỉ khi chi bộ trực thuộc đảng ủy cơ sở), decision (công nhận: đảng viên chính thức ' +
          'từ ngày lễ kết nạp + 12 tháng; xóa tên: đảng viên bị xóa tên từ ngày quyết định). version: phiên bản hồ sơ đã đọc, 409 nếu đã cũ.',
        params: idParam,
        body: recordRecognitionStepBody,
        response: { 200: recognitionCase, ...errorResponses },
      },
    },
    async (request) => service.recordStep(serviceContext(request), request.params.id, request.body),
  );
}
