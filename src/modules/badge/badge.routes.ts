import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDownload } from '../../http/download.js';
import { errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import { exportAwards } from './badge-export.js';
import {
  awardBody,
  awardedList,
  awardList,
  awardsQuery,
  badgeAward,
  candidateList,
  candidatesQuery,
  ceremonies,
  ceremoniesQuery,
  changeAwardBody,
  exportAwardsQuery,
  memberBadges,
  memberIdParam,
  setConsiderationBody,
} from './badge.schema.js';
import * as service from './badge.service.js';

// Thin routes over party badges (issue 5 item 6).

const tags = ['badges'];

export async function badgeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { permission: { resource: 'badge' as const, action: 'read' as const } };
  const update = { permission: { resource: 'badge' as const, action: 'update' as const } };

  r.get(
    '/api/badges/ceremonies',
    { config: read, schema: { tags, summary: 'Các đợt trao Huy hiệu Đảng trong năm (3/2, 19/5, 2/9, 7/11)', querystring: ceremoniesQuery, response: { 200: ceremonies, ...errorResponses } } },
    async (request) => service.listCeremonies(serviceContext(request), request.query.year),
  );

  r.get(
    '/api/badges/candidates',
    {
      config: read,
      schema: {
        tags,
        summary: 'Danh sách đảng viên xét tặng Huy hiệu Đảng của một đợt',
        description:
          'Đảng viên trong phạm vi đạt tuổi đảng của một loại Huy hiệu (30, 40, 45 … 90 năm) trong đợt (từ sau đợt trước đến ngày trao), ' +
          'tuổi đảng đã trừ thời gian không sinh hoạt đảng; đảng viên ốm nặng được xét sớm (R-BADGE-03); đảng viên bị kỷ luật được hoãn (R-BADGE-05).',
        querystring: candidatesQuery,
        response: { 200: candidateList, ...errorResponses },
      },
    },
    async (request) => service.listCandidates(serviceContext(request), request.query),
  );

  r.get(
    '/api/badges/members/:memberId',
    { config: read, schema: { tags, summary: 'Huy hiệu Đảng của một đảng viên: tuổi đảng, loại kế tiếp, thông tin xét tặng, các Huy hiệu đã nhận', params: memberIdParam, response: { 200: memberBadges, ...errorResponses } } },
    async (request) => service.memberBadges(serviceContext(request), request.params.memberId),
  );

  r.put(
    '/api/badges/members/:memberId/consideration',
    {
      config: update,
      schema: {
        tags,
        summary: 'Ghi thông tin xét tặng Huy hiệu của đảng viên: ốm nặng (xét sớm), kỷ luật đang có hiệu lực (hoãn)',
        params: memberIdParam,
        body: setConsiderationBody,
        response: { 200: memberBadges, ...errorResponses },
      },
    },
    async (request) => service.setConsideration(serviceContext(request), request.params.memberId, request.body),
  );

  r.get(
    '/api/badges/awards',
    { config: read, schema: { tags, summary: 'Sổ đăng ký Huy hiệu Đảng', querystring: awardsQuery, response: { 200: awardList, ...errorResponses } } },
    async (request) => service.listAwards(serviceContext(request), request.query),
  );

  r.get(
    '/api/badges/awards/export',
    {
      config: { permission: { resource: 'badge', action: 'export' } },
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: 'Xuất sổ đăng ký Huy hiệu Đảng ra Excel (.xlsx)',
        description: 'Cùng bộ lọc với GET /api/badges/awards, không phân trang. Mỗi lần xuất được ghi nhật ký.',
        querystring: exportAwardsQuery,
        response: { 200: z.unknown().describe('Tệp .xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await exportAwards(serviceContext(request), request.query, (e) => request.log.error(e, 'badge register export failed'));
      return sendDownload(reply, file);
    },
  );

  r.post(
    '/api/badges/awards',
    {
      config: { permission: { resource: 'badge', action: 'create' } },
      schema: {
        tags,
        summary: 'Trao Huy hiệu Đảng cho một danh sách đảng viên theo một quyết định (tất cả hoặc không)',
        description: 'Mỗi người phải có trong danh sách xét của đợt và không bị hoãn; số Huy hiệu cấp theo dãy số của tỉnh và loại Huy hiệu (R-BADGE-08).',
        body: awardBody,
        response: { 201: awardedList, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.award(serviceContext(request), request.body)),
  );

  r.get(
    '/api/badges/awards/:id',
    { config: read, schema: { tags, summary: 'Một Huy hiệu trong sổ', params: idParam, response: { 200: badgeAward, ...errorResponses } } },
    async (request) => service.getAward(serviceContext(request), request.params.id),
  );

  r.post(
    '/api/badges/awards/:id/return',
    {
      config: update,
      schema: { tags, summary: 'Ghi việc trả lại Huy hiệu của đảng viên bị xóa tên hoặc khai trừ (R-BADGE-10)', params: idParam, body: changeAwardBody, response: { 200: badgeAward, ...errorResponses } },
    },
    async (request) => service.returnAward(serviceContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/badges/awards/:id/reissue',
    {
      config: update,
      schema: { tags, summary: 'Ghi việc cấp lại Huy hiệu bị mất, giữ số cũ (R-BADGE-10)', params: idParam, body: changeAwardBody, response: { 200: badgeAward, ...errorResponses } },
    },
    async (request) => service.reissueAward(serviceContext(request), request.params.id, request.body),
  );
}
