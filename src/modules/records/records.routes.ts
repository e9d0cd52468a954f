import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDownload } from '../../http/download.js';
import { errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import { exportBatch, exportIssuedRegister } from './party-card-export.js';
import * as cards from './party-card.service.js';
import * as numbers from './record-no.service.js';
import * as updates from './record-update.service.js';
import {
  assignRecordNoBody,
  blockList,
  blocksQuery,
  cardDateBody,
  cardList,
  cardsQuery,
  closeCardBody,
  closedCard,
  createBlockBody,
  decideCardBody,
  exportBatchQuery,
  memberIdParam,
  memberRecordFacts,
  partyCard,
  recordNoBlock,
  registerQuery,
  requestCardBody,
  uncheckedList,
  uncheckedQuery,
  filingList,
  filingQuery,
  recordUpdate,
  returnUpdateBody,
  ownUpdateBody,
  submitUpdateBody,
  updateList,
  updatesQuery,
  updateStepBody,
} from './records.schema.js';

// Thin routes over record numbers and party cards (issue 5 item 7).

const tags = ['records'];

export async function recordsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const recordRead = { permission: { resource: 'member_record' as const, action: 'read' as const } };
  const recordCreate = { permission: { resource: 'member_record' as const, action: 'create' as const } };
  const cardRead = { permission: { resource: 'party_card' as const, action: 'read' as const } };
  const cardUpdate = { permission: { resource: 'party_card' as const, action: 'update' as const } };

  r.get(
    '/api/record-no-blocks',
    { config: recordRead, schema: { tags, summary: 'Các khối số lý lịch tỉnh đã cấp cho cấp trên trực tiếp cơ sở (R-REC-09)', querystring: blocksQuery, response: { 200: blockList, ...errorResponses } } },
    async (request) => numbers.listBlocks(serviceContext(request), request.query.org),
  );

  r.post(
    '/api/record-no-blocks',
    {
      config: recordCreate,
      schema: {
        tags,
        summary: 'Tỉnh cấp một khối số lý lịch cho đảng bộ cấp trên trực tiếp cơ sở (R-REC-09)',
        description: 'Khối không được trùng số với khối nào cùng mã tỉnh, kể cả khối của tỉnh trước hợp nhất: số đã cấp không bao giờ cấp lại.',
        body: createBlockBody,
        response: { 201: recordNoBlock, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await numbers.createBlock(serviceContext(request), request.body)),
  );

  r.get(
    '/api/records/members/:memberId',
    { config: recordRead, schema: { tags, summary: 'Số lý lịch và thẻ đảng của một đảng viên', params: memberIdParam, response: { 200: memberRecordFacts, ...errorResponses } } },
    async (request) => cards.memberRecordFacts(serviceContext(request), request.params.memberId),
  );

  r.post(
    '/api/records/members/:memberId/record-no',
    {
      config: recordCreate,
      schema: {
        tags,
        summary: 'Cấp số lý lịch cho đảng viên đã lập phiếu đảng viên (số kế tiếp trong khối của cấp trên trực tiếp; R-REC-09)',
        params: memberIdParam,
        body: assignRecordNoBody,
        response: { 200: memberRecordFacts, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      await numbers.assignRecordNo(ctx, request.params.memberId, request.body);
      return cards.memberRecordFacts(ctx, request.params.memberId);
    },
  );

  r.get(
    '/api/party-cards',
    { config: cardRead, schema: { tags, summary: 'Đề nghị và thẻ đảng đã phát (lọc theo đợt tháng, trạng thái)', querystring: cardsQuery, response: { 200: cardList, ...errorResponses } } },
    async (request) => cards.listCards(serviceContext(request), request.query),
  );

  r.get(
    '/api/party-cards/unchecked',
    { config: cardRead, schema: { tags, summary: 'Thẻ đảng chưa được chi bộ kiểm tra trong năm (R-REC-05)', querystring: uncheckedQuery, response: { 200: uncheckedList, ...errorResponses } } },
    async (request) => cards.uncheckedCards(serviceContext(request), request.query),
  );

  r.get(
    '/api/party-cards/batch/export',
    {
      config: { permission: { resource: 'party_card', action: 'export' } },
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: 'Xuất danh sách đề nghị phát thẻ đảng của một tháng ra Excel (.xlsx) gửi Ban Tổ chức tỉnh (R-REC-02)',
        description: 'Mỗi lần xuất được ghi nhật ký.',
        querystring: exportBatchQuery,
        response: { 200: z.unknown().describe('Tệp .xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await exportBatch(serviceContext(request), request.query, (e) => request.log.error(e, 'party card batch export failed'));
      return sendDownload(reply, file);
    },
  );

  r.get(
    '/api/party-cards/register/export',
    {
      config: { permission: { resource: 'party_card', action: 'export' } },
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: 'Xuất sổ phát thẻ đảng viên ra Excel (.xlsx): mọi thẻ đã có quyết định (R-REC-11)',
        description: 'Mỗi lần xuất được ghi nhật ký.',
        querystring: registerQuery,
        response: { 200: z.unknown().describe('Tệp .xlsx'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await exportIssuedRegister(serviceContext(request), request.query, (e) => request.log.error(e, 'party card register export failed'));
      return sendDownload(reply, file);
    },
  );

  r.get(
    '/api/party-cards/:id',
    { config: cardRead, schema: { tags, summary: 'Một thẻ đảng', params: idParam, response: { 200: partyCard, ...errorResponses } } },
    async (request) => cards.getCard(serviceContext(request), request.params.id),
  );

  r.post(
    '/api/party-cards',
    {
      config: { permission: { resource: 'party_card', action: 'create' } },
      schema: { tags, summary: 'Đề nghị phát thẻ đảng cho đảng viên chính thức, vào đợt của tháng đề nghị (R-REC-01, R-REC-02)', body: requestCardBody, response: { 201: partyCard, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send(await cards.requestCard(serviceContext(request), request.body)),
  );

  r.post(
    '/api/party-cards/:id/decision',
    {
      config: cardUpdate,
      schema: {
        tags,
        summary: 'Ghi quyết định phát thẻ của cấp trên trực tiếp tổ chức cơ sở đảng; số thẻ theo mẫu thẻ có hiệu lực ngày quyết định (R-REC-01, R-REC-02)',
        params: idParam,
        body: decideCardBody,
        response: { 200: partyCard, ...errorResponses },
      },
    },
    async (request) => cards.decideCard(serviceContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/party-cards/:id/handover',
    { config: cardUpdate, schema: { tags, summary: 'Ghi ngày chi bộ trao thẻ cho đảng viên (R-REC-01)', params: idParam, body: cardDateBody, response: { 200: partyCard, ...errorResponses } } },
    async (request) => cards.handOverCard(serviceContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/party-cards/:id/check',
    { config: cardUpdate, schema: { tags, summary: 'Ghi việc chi bộ kiểm tra thẻ đảng hằng năm (R-REC-05)', params: idParam, body: cardDateBody, response: { 200: partyCard, ...errorResponses } } },
    async (request) => cards.checkCard(serviceContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/party-cards/:id/close',
    {
      config: cardUpdate,
      schema: {
        tags,
        summary: 'Ghi thu hồi thẻ, gia đình giữ thẻ (từ trần), hoặc thẻ mất/hỏng kèm đề nghị cấp lại (R-REC-04)',
        params: idParam,
        body: closeCardBody,
        response: { 200: closedCard, ...errorResponses },
      },
    },
    async (request) => cards.closeCard(serviceContext(request), request.params.id, request.body),
  );

  const recordUpdateWrite = { permission: { resource: 'member_record' as const, action: 'update' as const } };

  r.get(
    '/api/record-updates',
    { config: recordRead, schema: { tags, summary: 'Phiếu bổ sung hồ sơ đảng viên (R-REC-07): hộp chờ duyệt theo bước, năm', querystring: updatesQuery, response: { 200: updateList, ...errorResponses } } },
    async (request) => updates.listUpdates(serviceContext(request), request.query),
  );

  r.get(
    '/api/record-updates/filing',
    { config: recordRead, schema: { tags, summary: 'Đảng viên của một tổ chức đã hoặc chưa nộp phiếu bổ sung hồ sơ trong năm (R-REC-07)', querystring: filingQuery, response: { 200: filingList, ...errorResponses } } },
    async (request) => updates.filing(serviceContext(request), request.query),
  );

  r.get(
    '/api/record-updates/:id',
    { config: recordRead, schema: { tags, summary: 'Một phiếu bổ sung hồ sơ: các trường thay đổi (trước → sau)', params: idParam, response: { 200: recordUpdate, ...errorResponses } } },
    async (request) => updates.getUpdate(serviceContext(request), request.params.id),
  );

  r.post(
    '/api/record-updates',
    {
      config: recordCreate,
      schema: {
        tags,
        summary: 'Lập phiếu bổ sung hồ sơ cho đảng viên: chỉ các trường thay đổi, trường khác ghi "K" (R-REC-07)',
        body: submitUpdateBody,
        response: { 201: recordUpdate, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await updates.submitUpdate(serviceContext(request), request.body)),
  );

  r.get(
    '/api/record-updates/own',
    { config: { self: true }, schema: { tags, summary: 'Các phiếu bổ sung hồ sơ chính đảng viên đăng nhập đã nộp, mới nhất trước (R-REC-07)', response: { 200: updateList, ...errorResponses } } },
    async (request) => updates.listOwnUpdates(serviceContext(request)),
  );

  r.post(
    '/api/record-updates/own',
    {
      config: { self: true },
      schema: {
        tags,
        summary: 'Đảng viên tự lập phiếu bổ sung hồ sơ của mình (hằng năm hoặc khi chuyển sinh hoạt chính thức): chỉ các trường thay đổi, phiếu vào chi bộ rồi lên cấp trên như phiếu do chi bộ lập (R-REC-07)',
        body: ownUpdateBody,
        response: { 201: recordUpdate, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await updates.submitOwnUpdate(serviceContext(request), request.body)),
  );

  r.post(
    '/api/record-updates/:id/forward',
    { config: recordUpdateWrite, schema: { tags, summary: 'Chuyển phiếu bổ sung lên cấp trên (chi bộ → đảng ủy cơ sở → cấp trên trực tiếp)', params: idParam, body: updateStepBody, response: { 200: recordUpdate, ...errorResponses } } },
    async (request) => updates.forwardUpdate(serviceContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/record-updates/:id/approve',
    {
      config: recordUpdateWrite,
      schema: { tags, summary: 'Cấp trên trực tiếp duyệt phiếu bổ sung; hồ sơ đảng viên được cập nhật các trường thay đổi', params: idParam, body: updateStepBody, response: { 200: recordUpdate, ...errorResponses } },
    },
    async (request) => updates.approveUpdate(serviceContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/record-updates/:id/return',
    { config: recordUpdateWrite, schema: { tags, summary: 'Trả lại phiếu bổ sung kèm lý do', params: idParam, body: returnUpdateBody, response: { 200: recordUpdate, ...errorResponses } } },
    async (request) => updates.returnUpdate(serviceContext(request), request.params.id, request.body),
  );
}
