import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import { achievementBody, achievementQuery, setTargetBody, target, targetParams } from './targets.schema.js';
import * as service from './targets.service.js';

// Thin routes over yearly admission targets and their achievement (issue 5 item 8).

const tags = ['admission'];

export async function targetRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/admission-targets',
    {
      config: { permission: { resource: 'admission_target', action: 'read' } },
      schema: {
        tags,
        summary: 'Chỉ tiêu kết nạp đảng viên và kết quả thực hiện của một tổ chức và các tổ chức trực thuộc',
        description:
          'Số kết nạp trong năm tính từ hồ sơ đảng viên (ngày vào Đảng trong năm, theo tổ chức đảng viên sinh hoạt ngày đó; ' +
          'tổ chức đã chuyển nơi trực thuộc được tính theo cấp trên hiện nay), kèm số đoàn viên, nữ, dân tộc thiểu số, ' +
          'chỉ tiêu của tổ chức, tổng chỉ tiêu các tổ chức trực thuộc và tỷ lệ % (một chữ số thập phân).',
        querystring: achievementQuery,
        response: { 200: achievementBody, ...errorResponses },
      },
    },
    async (request) => service.getAchievement(serviceContext(request), request.query),
  );

  r.put(
    '/api/admission-targets/:orgId/:year',
    {
      config: { permission: { resource: 'admission_target', action: 'update' } },
      schema: {
        tags,
        summary: 'Giao hoặc sửa chỉ tiêu kết nạp của một tổ chức cho một năm',
        description: 'Khi sửa chỉ tiêu đã có, gửi kèm version đang xem; chỉ tiêu đã bị người khác sửa thì trả 409.',
        params: targetParams,
        body: setTargetBody,
        response: { 200: target, ...errorResponses },
      },
    },
    async (request) => service.setTarget(serviceContext(request), request.params.orgId, request.params.year, request.body),
  );
}
