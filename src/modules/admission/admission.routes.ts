import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import {
  admissionCase,
  candidate,
  candidateList,
  caseList,
  createCandidateBody,
  listCandidatesQuery,
  listCasesQuery,
  openCaseBody,
  recordStepBody,
} from './admission.schema.js';
import * as service from './admission.service.js';

// Thin routes over the candidate register and admission cases (issue 5 item 2).

const tags = ['admission'];

export async function admissionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/candidates',
    {
      config: { permission: { resource: 'admission', action: 'read' } },
      schema: { tags, summary: 'Danh sách quần chúng ưu tú (org lấy cả cây trực thuộc)', querystring: listCandidatesQuery, response: { 200: candidateList, ...errorResponses } },
    },
    async (request) => service.listCandidates(serviceContext(request), request.query),
  );

  r.post(
    '/api/candidates',
    {
      config: { permission: { resource: 'admission', action: 'create' } },
      schema: { tags, summary: 'Thêm quần chúng ưu tú vào danh sách của chi bộ', body: createCandidateBody, response: { 201: candidate, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send(await service.createCandidate(serviceContext(request), request.body)),
  );

  r.get(
    '/api/candidates/:id',
    {
      config: { permission: { resource: 'admission', action: 'read' } },
      schema: { tags, summary: 'Một quần chúng ưu tú', params: idParam, response: { 200: candidate, ...errorResponses } },
    },
    async (request) => service.getCandidate(serviceContext(request), request.params.id),
  );

  r.get(
    '/api/admission-cases',
    {
      config: { permission: { resource: 'admission', action: 'read' } },
      schema: {
        tags,
        summary: 'Danh sách hồ sơ kết nạp',
        description: 'state: một hoặc nhiều trạng thái, cách nhau bởi dấu phẩy. Mỗi hồ sơ kèm bước tiếp theo và các thời hạn đang chạy.',
        querystring: listCasesQuery,
        response: { 200: caseList, ...errorResponses },
      },
    },
    async (request) => service.listCases(serviceContext(request), request.query),
  );

  r.post(
    '/api/admission-cases',
    {
      config: { permission: { resource: 'admission', action: 'create' } },
      schema: { tags, summary: 'Lập hồ sơ kết nạp cho một quần chúng (mỗi người chỉ một hồ sơ đang mở)', body: openCaseBody, response: { 201: admissionCase, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send(await service.openCase(serviceContext(request), request.body)),
  );

  r.get(
    '/api/admission-cases/:id',
    {
      config: { permission: { resource: 'admission', action: 'read' } },
      schema: { tags, summary: 'Hồ sơ kết nạp với toàn bộ các bước đã ghi', params: idParam, response: { 200: admissionCase, ...errorResponses } },
    },
    async (request) => service.getCase(serviceContext(request), request.params.id),
  );

  r.post(
    '/api/admission-cases/:id/steps',
    {
      config: { permission: { resource: 'admission', action: 'update' } },
      schema: {
        tags,
        summary: 'Ghi một bước của hồ sơ kết nạp',
        description:
          'Các bước theo thứ tự: course_certificate, sponsors, background_check_requested, background_check_replied, comments, cell_resolution, ' +
          'grassroots_resolution (chỉ khi chi bộ trực thuộc đảng ủy cơ sở), decision, ceremony (tạo hồ sơ đảng viên dự bị), member_forms.',
        params: idParam,
        body: recordStepBody,
        response: { 200: admissionCase, ...errorResponses },
      },
    },
    async (request) => service.recordStep(serviceContext(request), request.params.id, request.body),
  );
}
