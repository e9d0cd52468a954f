import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import {
  IMPORT_CONTENT_TYPE,
  importJob,
  importJobList,
  importTemplate,
  importTemplateList,
  jobQuery,
  listJobsQuery,
  MAX_IMPORT_BYTES,
  remapBody,
  templateBody,
  uploadQuery,
  uploadResponse,
} from './import.schema.js';
import { reportWorkbook } from './import.report.js';
import * as service from './import.service.js';
import { withSpooledUpload } from './upload-spool.js';

// Thin routes of the member import. The file arrives as the raw request body
// (application/octet-stream, its name in ?fileName=), spooled to a temporary file while the
// upload stores it; the dry run and the commit run in the background and the client follows
// the job (GET /api/imports/{id}) until it settles.

const tags = ['imports'];

export async function importRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Raw file bodies, only inside this plugin, handed on as the stream they arrive as: the route
  // spools them to disk (upload-spool.ts), counting them against MAX_IMPORT_BYTES itself.
  app.addContentTypeParser(IMPORT_CONTENT_TYPE, (_req, payload, done) => done(null, payload));
  app.addHook('onClose', () => service.settle());

  r.post(
    '/api/imports',
    {
      config: { permission: { resource: 'import', action: 'create' } },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags,
        summary: 'Tải lên danh sách đảng viên (.xlsx hoặc .csv) và bắt đầu kiểm tra thử',
        description:
          'Thân yêu cầu là nội dung tệp (Content-Type: application/octet-stream). Trả lời ngay với các cột nhận ra và vài dòng đầu; ' +
          'việc kiểm tra thử (không ghi gì) chạy nền, theo dõi bằng GET /api/imports/{id}.',
        querystring: uploadQuery,
        body: z.unknown().describe('Nội dung tệp'),
        response: { 202: uploadResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const body = request.body instanceof Readable ? request.body : Readable.from([]);
      const declaredBytes = Number(request.headers['content-length'] ?? 0);
      const job = await withSpooledUpload(body, { maxBytes: MAX_IMPORT_BYTES, declaredBytes }, (file) => service.uploadFile(ctx, { ...request.query, source: file.source, sha256: file.sha256 }));
      service.inBackground(() => service.dryRun(ctx, job.id), (e) => request.log.error(e, 'import dry run failed'));
      return reply.status(202).send(job);
    },
  );

  r.get(
    '/api/imports',
    {
      config: { permission: { resource: 'import', action: 'read' } },
      schema: { tags, summary: 'Lịch sử nhập dữ liệu', querystring: listJobsQuery, response: { 200: importJobList, ...errorResponses } },
    },
    async (request) => service.listJobs(serviceContext(request), request.query.page, request.query.pageSize),
  );

  r.get(
    '/api/imports/:id',
    {
      config: { permission: { resource: 'import', action: 'read' } },
      schema: { tags, summary: 'Một lần nhập: trạng thái, tiến độ, số liệu và các lỗi', params: idParam, querystring: jobQuery, response: { 200: importJob, ...errorResponses } },
    },
    async (request) => service.getJob(serviceContext(request), request.params.id, { offset: request.query.problemsOffset, limit: request.query.problemsLimit }),
  );

  r.get(
    '/api/imports/:id/report',
    {
      config: { permission: { resource: 'import', action: 'read' } },
      exposeHeadRoute: false,
      schema: { tags, summary: 'Tệp đã tải lên (.xlsx) kèm cột lỗi của từng dòng', params: idParam, response: { 200: z.unknown().describe('Tệp .xlsx'), ...errorResponses } },
    },
    async (request, reply) => {
      const src = await service.reportSource(serviceContext(request), request.params.id);
      const body = reportWorkbook(src.job.format, src.file, src.layout, src.problems, (e) => request.log.error(e, 'import report failed'));
      const base = src.job.file_name.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}._-]+/gu, '-');
      return reply
        .header('content-disposition', `attachment; filename="kiem-tra-${src.job.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${base}-kiem-tra.xlsx`)}`)
        .header('cache-control', 'private, no-store')
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(body);
    },
  );

  r.post(
    '/api/imports/:id/commit',
    {
      config: { permission: { resource: 'import', action: 'update' } },
      schema: {
        tags,
        summary: 'Ghi tệp đã kiểm tra vào cơ sở dữ liệu (tất cả hoặc không gì cả)',
        description: 'Chạy nền; theo dõi bằng GET /api/imports/{id} (trạng thái committing → committed, hoặc failed và không ghi gì).',
        params: idParam,
        response: { 202: importJob, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const job = await service.getJob(ctx, request.params.id);
      // Refusals that need no reading of the file answer at once; the rest is in the job.
      service.assertCommittable(job);
      service.inBackground(() => service.commit(ctx, job.id), (e) => request.log.error(e, 'import commit failed'));
      return reply.status(202).send({ ...job, status: 'committing' as const, progress: 0 });
    },
  );

  r.put(
    '/api/imports/:id/mapping',
    {
      config: { permission: { resource: 'import', action: 'update' } },
      schema: {
        tags,
        summary: 'Đổi cột nào chứa trường nào, rồi kiểm tra thử lại',
        description: 'Chỉ trước khi ghi. Báo cáo cũ bị bỏ; việc kiểm tra thử chạy nền, theo dõi bằng GET /api/imports/{id}.',
        params: idParam,
        body: remapBody,
        response: { 202: importJob, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const job = await service.remap(ctx, request.params.id, request.body);
      service.inBackground(() => service.dryRun(ctx, job.id), (e) => request.log.error(e, 'import dry run failed'));
      return reply.status(202).send(job);
    },
  );

  r.post(
    '/api/imports/:id/cancel',
    {
      config: { permission: { resource: 'import', action: 'update' } },
      schema: { tags, summary: 'Hủy một lần nhập chưa ghi', params: idParam, response: { 200: importJob, ...errorResponses } },
    },
    async (request) => service.cancel(serviceContext(request), request.params.id),
  );

  r.get(
    '/api/import-templates',
    {
      config: { permission: { resource: 'import', action: 'read' } },
      schema: { tags, summary: 'Các mẫu ánh xạ cột đã lưu', response: { 200: importTemplateList, ...errorResponses } },
    },
    async (request) => service.listTemplates(serviceContext(request)),
  );

  r.post(
    '/api/import-templates',
    {
      config: { permission: { resource: 'import', action: 'create' } },
      schema: { tags, summary: 'Lưu (hoặc thay) một mẫu ánh xạ cột', body: templateBody, response: { 200: importTemplate, ...errorResponses } },
    },
    async (request) => service.saveTemplate(serviceContext(request), request.body),
  );
}
