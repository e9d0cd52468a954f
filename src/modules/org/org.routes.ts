import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import { createOrg } from './org-create.service.js';
import { dissolveOrg } from './org-dissolve.service.js';
import { mergeOrg } from './org-merge.service.js';
import { moveOrg } from './org-move.service.js';
import { updateOrg } from './org-update.service.js';
import { presentOrg } from './org.presenter.js';
import {
  asOfQuery,
  childrenQuery,
  createOrgBody,
  dissolveOrgBody,
  eventBody,
  listItemBody,
  listOrgsQuery,
  mergeOrgBody,
  moveOrgBody,
  orgBody,
  orgDetailsBody,
  treeNodeBody,
  updateOrgBody,
} from './org.schema.js';
import { getOrg, listChildren, listOrgs, orgHistory } from './org.service.js';

// The organization tree. Every route: session (auth hook) → zod schema → scope (service
// context) → service → presenter.
export async function orgRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];
  const orgResponse = { 200: z.object({ org: orgBody }), ...errorResponses };

  r.get(
    '/api/orgs',
    {
      config: { permission: { resource: 'org', action: 'read' } },
      schema: {
        tags,
        summary: 'Tổ chức cấp cao nhất trong phạm vi, hoặc tìm theo mã / tên (không dấu)',
        querystring: listOrgsQuery,
        response: { 200: z.object({ items: z.array(listItemBody) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listOrgs(serviceContext(request), request.query) }),
  );

  r.get(
    '/api/orgs/:id',
    {
      config: { permission: { resource: 'org', action: 'read' } },
      schema: {
        tags,
        summary: 'Thông tin tổ chức, đường dẫn cấp trên, số đảng viên và cảnh báo cơ cấu',
        params: idParam,
        querystring: asOfQuery,
        response: { 200: orgDetailsBody, ...errorResponses },
      },
    },
    async (request) => getOrg(serviceContext(request), request.params.id, request.query.asOf ?? null),
  );

  r.get(
    '/api/orgs/:id/children',
    {
      config: { permission: { resource: 'org', action: 'read' } },
      schema: {
        tags,
        summary: 'Tổ chức trực thuộc (theo mã), kèm số đảng viên và số tổ chức con',
        params: idParam,
        querystring: childrenQuery,
        response: { 200: z.object({ items: z.array(treeNodeBody) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listChildren(serviceContext(request), request.params.id, request.query) }),
  );

  r.get(
    '/api/orgs/:id/history',
    {
      config: { permission: { resource: 'org', action: 'read' } },
      schema: {
        tags,
        summary: 'Lịch sử thành lập, đổi tên, điều chuyển, hợp nhất, giải thể',
        params: idParam,
        response: { 200: z.object({ items: z.array(eventBody) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await orgHistory(serviceContext(request), request.params.id) }),
  );

  r.post(
    '/api/orgs',
    {
      config: { permission: { resource: 'org', action: 'create' } },
      schema: {
        tags,
        summary: 'Thành lập tổ chức đảng',
        body: createOrgBody,
        response: { 201: z.object({ org: orgBody }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const org = await createOrg(serviceContext(request), request.body);
      return reply.status(201).send({ org: presentOrg(org) });
    },
  );

  r.patch(
    '/api/orgs/:id',
    { config: { permission: { resource: 'org', action: 'update' } }, schema: { tags, summary: 'Đổi tên hoặc loại hình tổ chức', params: idParam, body: updateOrgBody, response: orgResponse } },
    async (request) => ({ org: presentOrg(await updateOrg(serviceContext(request), request.params.id, request.body)) }),
  );

  r.post(
    '/api/orgs/:id/move',
    { config: { permission: { resource: 'org', action: 'update' } }, schema: { tags, summary: 'Điều chuyển tổ chức (cùng các tổ chức trực thuộc) sang cấp trên mới', params: idParam, body: moveOrgBody, response: orgResponse } },
    async (request) => ({ org: presentOrg(await moveOrg(serviceContext(request), request.params.id, request.body)) }),
  );

  r.post(
    '/api/orgs/:id/merge',
    {
      config: { permission: { resource: 'org', action: 'update' } },
      schema: {
        tags,
        summary: 'Hợp nhất tổ chức vào tổ chức khác',
        params: idParam,
        body: mergeOrgBody,
        response: {
          200: z.object({ org: orgBody, target: orgBody, movedChildren: z.number(), movedMembers: z.number() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const m = await mergeOrg(serviceContext(request), request.params.id, request.body);
      return { org: presentOrg(m.source), target: presentOrg(m.target), movedChildren: m.movedChildren, movedMembers: m.movedMembers };
    },
  );

  r.post(
    '/api/orgs/:id/dissolve',
    { config: { permission: { resource: 'org', action: 'update' } }, schema: { tags, summary: 'Giải thể tổ chức', params: idParam, body: dissolveOrgBody, response: orgResponse } },
    async (request) => ({ org: presentOrg(await dissolveOrg(serviceContext(request), request.params.id, request.body)) }),
  );
}
