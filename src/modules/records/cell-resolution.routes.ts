import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDownload } from '../../http/download.js';
import { errorResponses } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import { exportCellResolutions } from './cell-resolution-register.js';

// The chi bộ resolutions register (R-REC-11), derived from the case steps.

const cellResolutionQuery = z.object({
  org: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('Một năm; mặc định mọi năm'),
});

export async function cellResolutionRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/registers/cell-resolutions/export',
    {
      config: { permission: { resource: 'member_record', action: 'export' } },
      exposeHeadRoute: false,
      schema: {
        tags: ['records'],
        summary: 'Xuất sổ nghị quyết chi bộ về kết nạp, công nhận chính thức, xóa tên đảng viên ra Excel (.xlsx) (R-REC-11)',
        description: 'Lấy từ các bước nghị quyết chi bộ đã ghi của hồ sơ kết nạp, công nhận và xóa tên; mỗi lần xuất được ghi nhật ký.',
        querystring: cellResolutionQuery,
        response: { 200: z.unknown().describe('Tệp .xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await exportCellResolutions(serviceContext(request), request.query, (e) => request.log.error(e, 'cell resolution register export failed'));
      return sendDownload(reply, file);
    },
  );
}
