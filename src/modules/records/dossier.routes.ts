import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDownload } from '../../http/download.js';
import { errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import { exportDossierRegister } from './dossier-export.js';
import {
  dossierExportQuery,
  dossierMovement,
  dossiersQuery,
  movementList,
  reconcileBody,
  reconciliation,
  reconciliationStatus,
  reconciliationStatusQuery,
  recordMovementBody,
  returnDossierBody,
} from './dossier.schema.js';
import * as dossiers from './dossier.service.js';

// Thin routes over the dossier handover and loan register (R-REC-06/08/11). The member_record
// permission: the commission and the committees that keep the dossiers.

const tags = ['records'];

export async function dossierRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { permission: { resource: 'member_record' as const, action: 'read' as const } };
  const write = { permission: { resource: 'member_record' as const, action: 'create' as const } };

  r.get(
    '/api/dossiers',
    { config: read, schema: { tags, summary: 'Sổ giao nhận, mượn trả hồ sơ đảng viên của các nơi giữ hồ sơ (lọc: đang cho mượn, quá hạn trả; R-REC-11)', querystring: dossiersQuery, response: { 200: movementList, ...errorResponses } } },
    async (request) => dossiers.listDossiers(serviceContext(request), request.query),
  );

  r.get(
    '/api/dossiers/export',
    {
      config: { permission: { resource: 'member_record', action: 'export' } },
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: 'Xuất sổ giao nhận, mượn trả hồ sơ đảng viên ra Excel (.xlsx) theo mẫu sổ giấy (R-REC-11)',
        description: 'Mỗi lần xuất được ghi nhật ký.',
        querystring: dossierExportQuery,
        response: { 200: z.unknown().describe('Tệp .xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await exportDossierRegister(serviceContext(request), request.query, (e) => request.log.error(e, 'dossier register export failed'));
      return sendDownload(reply, file);
    },
  );

  r.post(
    '/api/dossiers/movements',
    {
      config: write,
      schema: {
        tags,
        summary: 'Ghi nhận, bàn giao hoặc cho mượn hồ sơ đảng viên (R-REC-06, R-REC-11)',
        description:
          'Nhận: nơi giữ là tổ chức cơ sở đảng của đảng viên hoặc cấp trên trực tiếp. Bàn giao, cho mượn: do nơi đang giữ hồ sơ ghi. Từ chối: hồ sơ đang cho mượn, hồ sơ không do đơn vị giữ, ngày sớm hơn lần ghi trước, hẹn trả trước ngày mượn.',
        body: recordMovementBody,
        response: { 201: dossierMovement, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await dossiers.recordMovement(serviceContext(request), request.body)),
  );

  r.get(
    '/api/dossiers/movements/:id',
    { config: read, schema: { tags, summary: 'Một dòng sổ giao nhận, mượn trả hồ sơ', params: idParam, response: { 200: dossierMovement, ...errorResponses } } },
    async (request) => dossiers.getMovement(serviceContext(request), request.params.id),
  );

  r.post(
    '/api/dossiers/movements/:id/return',
    { config: write, schema: { tags, summary: 'Ghi trả hồ sơ đã cho mượn (R-REC-11)', params: idParam, body: returnDossierBody, response: { 200: dossierMovement, ...errorResponses } } },
    async (request) => dossiers.returnDossier(serviceContext(request), request.params.id, request.body),
  );

  r.get(
    '/api/dossiers/reconciliation',
    {
      config: read,
      schema: { tags, summary: 'Lần đối chiếu hồ sơ với danh sách đảng viên gần nhất và hạn lần tới (6 tháng một lần; R-REC-08)', querystring: reconciliationStatusQuery, response: { 200: reconciliationStatus, ...errorResponses } },
    },
    async (request) => dossiers.reconciliationStatus(serviceContext(request), request.query.org),
  );

  r.post(
    '/api/dossiers/reconciliations',
    {
      config: write,
      schema: {
        tags,
        summary: 'Đối chiếu hồ sơ với danh sách đảng viên của một tổ chức và ghi ngày đối chiếu (R-REC-08)',
        description: 'Trả về đảng viên trong danh sách mà chưa có hồ sơ đang giữ, và hồ sơ đang giữ của người không có trong danh sách.',
        body: reconcileBody,
        response: { 201: reconciliation, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await dossiers.reconcile(serviceContext(request), request.body)),
  );
}
