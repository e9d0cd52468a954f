import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, idParam } from '../../http/schemas.js';
import { serviceContext } from '../service-context.js';
import {
  account,
  accountCreated,
  accountList,
  createAccountBody,
  grantBody,
  listAccountsQuery,
  passwordReset,
  resetPasswordBody,
  roleAssignment,
  roleAssignmentList,
  sessionsRevoked,
  twoFactorReset,
  updateAccountBody,
} from './account.schema.js';
import * as accounts from './account.service.js';
import * as roles from './role-assignment.service.js';

// Thin routes of account administration: the hook has checked the permission and set the
// scope, the schema validates, the service decides and audits.

const tags = ['accounts'];
const read = { permission: { resource: 'account', action: 'read' } } as const;
const create = { permission: { resource: 'account', action: 'create' } } as const;
const update = { permission: { resource: 'account', action: 'update' } } as const;

export async function accountRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/users',
    { config: read, schema: { tags, summary: 'Danh sách tài khoản trong phạm vi quản lý', querystring: listAccountsQuery, response: { 200: accountList, ...errorResponses } } },
    async (request) => accounts.listAccounts(serviceContext(request), request.query),
  );

  r.post(
    '/api/users',
    {
      config: create,
      schema: {
        tags,
        summary: 'Tạo tài khoản (mật khẩu tạm, phải đổi khi đăng nhập lần đầu)',
        body: createAccountBody,
        response: { 201: accountCreated, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await accounts.createAccount(serviceContext(request), request.body)),
  );

  r.get(
    '/api/users/:id',
    { config: read, schema: { tags, summary: 'Thông tin một tài khoản', params: idParam, response: { 200: account, ...errorResponses } } },
    async (request) => accounts.getAccount(serviceContext(request), request.params.id),
  );

  r.patch(
    '/api/users/:id',
    {
      config: update,
      schema: { tags, summary: 'Sửa tên hiển thị hoặc đơn vị của tài khoản', params: idParam, body: updateAccountBody, response: { 200: account, ...errorResponses } },
    },
    async (request) => accounts.updateAccount(serviceContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/users/:id/password-reset',
    {
      config: update,
      schema: {
        tags,
        summary: 'Đặt lại mật khẩu tạm (buộc đổi khi đăng nhập, kết thúc mọi phiên làm việc)',
        params: idParam,
        body: resetPasswordBody.optional(),
        response: { 200: passwordReset, ...errorResponses },
      },
    },
    async (request) => accounts.resetPassword(serviceContext(request), request.params.id, request.body ?? {}),
  );

  for (const [action, summary] of [
    ['lock', 'Khóa tài khoản (kết thúc mọi phiên làm việc)'],
    ['unlock', 'Mở khóa hoặc kích hoạt lại tài khoản (xóa đếm đăng nhập sai)'],
    ['disable', 'Vô hiệu hóa tài khoản (kết thúc mọi phiên làm việc)'],
  ] as const) {
    r.post(
      `/api/users/:id/${action}`,
      { config: update, schema: { tags, summary, params: idParam, response: { 200: account, ...errorResponses } } },
      async (request) => accounts.setStatus(serviceContext(request), request.params.id, action),
    );
  }

  r.post(
    '/api/users/:id/reset-two-factor',
    {
      config: update,
      schema: {
        tags,
        summary: 'Đặt lại xác thực hai lớp khi người dùng mất ứng dụng xác thực (xóa khóa và mã khôi phục, kết thúc mọi phiên)',
        description: 'Lần đăng nhập sau, người dùng phải thiết lập lại nếu vai trò bắt buộc xác thực hai lớp.',
        params: idParam,
        response: { 200: twoFactorReset, ...errorResponses },
      },
    },
    async (request) => accounts.resetTwoFactor(serviceContext(request), request.params.id),
  );

  r.post(
    '/api/users/:id/revoke-sessions',
    { config: update, schema: { tags, summary: 'Đăng xuất tài khoản khỏi mọi nơi', params: idParam, response: { 200: sessionsRevoked, ...errorResponses } } },
    async (request) => accounts.revokeSessions(serviceContext(request), request.params.id),
  );

  r.get(
    '/api/users/:id/roles',
    {
      config: { permission: { resource: 'role_assignment', action: 'read' } },
      schema: { tags, summary: 'Các vai trò của tài khoản (cả đã thu hồi, hết hạn) trong phạm vi quản lý', params: idParam, response: { 200: roleAssignmentList, ...errorResponses } },
    },
    async (request) => roles.listRoles(serviceContext(request), request.params.id),
  );

  r.post(
    '/api/role-assignments',
    {
      config: { permission: { resource: 'role_assignment', action: 'create' } },
      schema: {
        tags,
        summary: 'Cấp vai trò trên một tổ chức (cả cây trực thuộc) hoặc toàn hệ thống',
        description: 'Chỉ được cấp vai trò mà vai trò của mình được phép cấp, trong phạm vi của mình; không ai tự cấp cho chính mình.',
        body: grantBody,
        response: { 201: roleAssignment, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await roles.grantRole(serviceContext(request), request.body)),
  );

  r.post(
    '/api/role-assignments/:id/revoke',
    {
      config: { permission: { resource: 'role_assignment', action: 'delete' } },
      schema: { tags, summary: 'Thu hồi vai trò (theo cùng quy tắc như khi cấp)', params: idParam, response: { 200: roleAssignment, ...errorResponses } },
    },
    async (request) => roles.revokeRole(serviceContext(request), request.params.id),
  );
}
