import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { sendDownload } from '../../http/download.js';
import { errorBody, errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import {
  asOfQuery,
  createMemberBody,
  listMembersQuery,
  MAX_PHOTO_BYTES,
  memberHistory,
  memberList,
  memberOnDate,
  memberRecord,
  patchMemberBody,
  PHOTO_TYPES,
  placementChangeBody,
  statusChangeBody,
} from './member.schema.js';
import * as service from './member.service.js';
import { exportMembersQuery } from './member-export.schema.js';
import * as exportService from './member-export.service.js';

// Thin routes: the auth hook has authenticated and scoped the request, the schema validates,
// the service does the work, the schema's response shape presents it.

const tags = ['members'];

function photoContentType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export async function memberRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Photo bodies arrive raw; this parser exists only inside this plugin.
  app.addContentTypeParser([...PHOTO_TYPES], { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES }, (_req, body, done) => done(null, body));

  r.get(
    '/api/members',
    {
      config: { permission: { resource: 'member', action: 'read' } },
      schema: {
        tags,
        summary: 'Danh sách và tìm kiếm đảng viên',
        description:
          'q tìm theo tên không dấu (mode=word: mỗi từ là đầu của một từ trong tên; mode=anywhere: chuỗi nằm bất kỳ đâu), ' +
          'theo số CCCD (12 chữ số) hoặc số thẻ đảng. org lấy cả cây trực thuộc. Mặc định chỉ đảng viên đang sinh hoạt.',
        querystring: listMembersQuery,
        response: { 200: memberList, ...errorResponses },
      },
    },
    async (request) => service.listMembers(serviceContext(request), request.query),
  );

  r.get(
    '/api/members/export',
    {
      config: { permission: { resource: 'member', action: 'read' } },
      // Every export is audited; a HEAD would write an entry for a file nobody received.
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: 'Xuất danh sách đảng viên ra Excel (.xlsx) hoặc CSV',
        description:
          'Toàn bộ danh sách theo cùng bộ lọc với GET /api/members (không phân trang), trong phạm vi của người dùng, ' +
          'theo mẫu Danh sách đảng viên. Người không có quyền xem thông tin nhạy cảm nhận tệp không có các cột đó. Mỗi lần xuất được ghi nhật ký.',
        querystring: exportMembersQuery,
        response: { 200: z.unknown().describe('Tệp .xlsx, hoặc .csv UTF-8 có BOM'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await exportService.exportMembers(serviceContext(request), request.query, {
        onError: (e) => request.log.error(e, 'member export failed'),
      });
      return sendDownload(reply, file);
    },
  );

  r.post(
    '/api/members',
    {
      config: { permission: { resource: 'member', action: 'create' } },
      schema: {
        tags,
        summary: 'Thêm hồ sơ đảng viên',
        body: createMemberBody,
        response: { 201: memberRecord, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createMember(serviceContext(request), request.body)),
  );

  r.get(
    '/api/members/me',
    {
      config: { self: true },
      schema: { tags, summary: 'Hồ sơ đảng viên của chính người đăng nhập (tài khoản đảng viên)', response: { 200: memberRecord, ...errorResponses } },
    },
    async (request) => service.getOwnRecord(serviceContext(request)),
  );

  r.get(
    '/api/members/:id',
    { config: { permission: { resource: 'member', action: 'read' } }, schema: { tags, summary: 'Hồ sơ đảng viên', params: idParam, response: { 200: memberRecord, ...errorResponses } } },
    async (request) => service.getMember(serviceContext(request), request.params.id),
  );

  r.patch(
    '/api/members/:id',
    {
      config: { permission: { resource: 'member', action: 'update' } },
      schema: {
        tags,
        summary: 'Sửa hồ sơ đảng viên (không đổi trạng thái, nơi sinh hoạt)',
        params: idParam,
        body: patchMemberBody,
        response: { 200: memberRecord, ...errorResponses },
      },
    },
    async (request) => service.updateMember(serviceContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/members/:id/status',
    {
      config: { permission: { resource: 'member', action: 'update' } },
      schema: {
        tags,
        summary: 'Chuyển trạng thái đảng viên từ một ngày hiệu lực',
        params: idParam,
        body: statusChangeBody,
        response: { 200: memberRecord, ...errorResponses },
      },
    },
    async (request) => service.changeStatus(serviceContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/members/:id/placement',
    {
      config: { permission: { resource: 'member', action: 'update' } },
      schema: {
        tags,
        summary: 'Chuyển nơi sinh hoạt của đảng viên từ một ngày hiệu lực',
        params: idParam,
        body: placementChangeBody,
        response: { 200: memberRecord, ...errorResponses },
      },
    },
    async (request) => service.changePlacement(serviceContext(request), request.params.id, request.body),
  );

  r.get(
    '/api/members/:id/history',
    {
      config: { permission: { resource: 'member', action: 'read' } },
      schema: {
        tags,
        summary: 'Lịch sử trạng thái, nơi sinh hoạt và các lần sửa hồ sơ',
        params: idParam,
        response: { 200: memberHistory, ...errorResponses },
      },
    },
    async (request) => service.memberHistory(serviceContext(request), request.params.id),
  );

  r.get(
    '/api/members/:id/as-of',
    {
      config: { permission: { resource: 'member', action: 'read' } },
      schema: {
        tags,
        summary: 'Trạng thái và nơi sinh hoạt của đảng viên vào một ngày',
        params: idParam,
        querystring: asOfQuery,
        response: { 200: memberOnDate, ...errorResponses },
      },
    },
    async (request) => service.memberOnDate(request.server.ctx.db, request.scope, request.params.id, request.query.date),
  );

  r.put(
    '/api/members/:id/photo',
    {
      config: { permission: { resource: 'member', action: 'update' } },
      bodyLimit: MAX_PHOTO_BYTES,
      // Before the body is read: refuse a wrong type or a declared size over the limit with the
      // API's own codes instead of reading megabytes first.
      preParsing: async (request) => {
        if (!(PHOTO_TYPES as readonly string[]).includes(photoContentType(request))) {
          throw new AppError('UNSUPPORTED_PHOTO_TYPE', {}, { field: 'content-type' });
        }
        if (Number(request.headers['content-length'] ?? 0) > MAX_PHOTO_BYTES) {
          throw new AppError('PHOTO_TOO_LARGE', { max: '2 MB' }, { field: 'body' });
        }
      },
      schema: {
        tags,
        summary: 'Tải ảnh đảng viên (JPEG hoặc PNG, tối đa 2 MB)',
        consumes: [...PHOTO_TYPES],
        params: idParam,
        response: { 204: z.null(), 413: errorBody, 415: errorBody, ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.putPhoto(serviceContext(request), request.params.id, photoContentType(request), request.body as Buffer);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/members/:id/photo',
    { config: { permission: { resource: 'member', action: 'read' } }, schema: { tags, summary: 'Ảnh đảng viên', params: idParam, response: { 200: z.unknown().describe('Ảnh JPEG hoặc PNG'), ...errorResponses } } },
    async (request, reply) => {
      const photo = await service.getPhoto(serviceContext(request), request.params.id);
      // Member photos are personal data: never kept by shared caches.
      return reply
        .header('cache-control', 'private, no-cache')
        .header('last-modified', photo.updatedAt.toUTCString())
        .type(photo.contentType)
        .send(photo.data);
    },
  );
}
