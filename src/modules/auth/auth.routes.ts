import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/context.js';
import { SESSION_COOKIE } from '../../http/auth-hook.js';
import { errorResponses, signInErrorResponses } from '../../http/schemas.js';
import { AppError } from '../../errors.js';
import * as service from './auth.service.js';
import { csrfTokenOf } from './auth.service.js';
import { ACTIONS, permissionsOf, RESOURCES, ROLES } from '../../domain/permissions.js';

export const userBody = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  stage: z.enum(['password', 'totp_setup', 'full']).describe('full khi đã hoàn tất mọi bước đăng nhập'),
});

const grantBody = z.object({ role: z.enum(ROLES), path: z.string() });
const permissionBody = z.object({ resource: z.enum(RESOURCES), action: z.enum(ACTIONS) });
const meBody = z.object({
  user: userBody,
  csrfToken: z.string().describe('Gửi lại trong tiêu đề X-CSRF-Token ở mọi yêu cầu thay đổi dữ liệu'),
  grants: z.array(grantBody).describe('Vai trò đang có hiệu lực và cây tổ chức (đường dẫn) của từng vai trò'),
  permissions: z.array(permissionBody).describe('Các quyền (từ bảng phân quyền) mà ít nhất một vai trò có'),
});

export const presentUser = (u: service.SessionUser) => ({
  id: u.userId,
  username: u.username,
  displayName: u.displayName,
  mustChangePassword: u.mustChangePassword,
  stage: u.stage,
});

const nextStepBody = z
  .enum(['totp_verify', 'totp_setup', 'password_change'])
  .nullable()
  .describe('Bước còn lại trước khi dùng được hệ thống: nhập mã xác thực hai lớp, thiết lập xác thực hai lớp, đổi mật khẩu; null khi đã xong');

/** Hands the browser its session token (a new one at sign-in and at every rotation). */
export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.ctx.cookieSecure,
    maxAge: app.ctx.session.absoluteHours * 3600,
  });
}

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const present = presentUser;

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập bằng mật khẩu (bước một); có thể cần thêm mã xác thực hai lớp',
        body: z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ user: userBody, csrfToken: z.string(), nextStep: nextStepBody }), ...signInErrorResponses },
      },
    },
    async (request, reply) => {
      const { token, user } = await service.login(app.ctx.db, app.ctx.clock, app.ctx.session, app.ctx.security, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(app, reply, token);
      return { user: present(user), csrfToken: csrfTokenOf(token), nextStep: service.nextStepOf(user) };
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { self: true, signInStep: true }, schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      if (!request.user) throw new AppError('UNAUTHENTICATED');
      await service.logout(app.ctx.db, request.user, actorOf(request).ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/auth/logout-all',
    {
      // Only a fully signed-in session: a password alone must not end the owner's sessions.
      config: { self: true },
      schema: { tags: ['auth'], summary: 'Đăng xuất khỏi mọi thiết bị (kết thúc mọi phiên làm việc của mình)', response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      if (!request.user) throw new AppError('UNAUTHENTICATED');
      await service.logoutEverywhere(app.ctx.db, request.user, request.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/auth/password',
    {
      // Not while the second factor is still owed: the password alone must not replace itself.
      config: { self: true, signInStep: ['totp_setup'] },
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu của chính mình (các phiên làm việc khác kết thúc; phiên này nhận mã phiên mới)',
        body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
        response: {
          200: z.object({ user: userBody, csrfToken: z.string().describe('Mã chống giả mạo mới (phiên đã được cấp mã mới)') }),
          ...signInErrorResponses,
        },
      },
    },
    async (request, reply) => {
      if (!request.user) throw new AppError('UNAUTHENTICATED');
      const { token } = await service.changePassword(app.ctx.db, app.ctx.clock, app.ctx.security, request.user, { ...request.body, ip: request.ip });
      setSessionCookie(app, reply, token);
      return { user: present({ ...request.user, mustChangePassword: false }), csrfToken: csrfTokenOf(token) };
    },
  );

  r.get(
    '/api/auth/me',
    { config: { self: true, signInStep: true }, schema: { tags: ['auth'], summary: 'Người dùng đang đăng nhập, quyền và mã chống giả mạo', response: { 200: meBody, ...errorResponses } } },
    async (request) => {
      if (!request.user) throw new AppError('UNAUTHENTICATED');
      const grants = request.access.grants;
      const permissions = new Map(grants.flatMap((g) => permissionsOf(g.role)).map((p) => [`${p.resource}:${p.action}`, p]));
      return {
        user: present(request.user),
        csrfToken: csrfTokenOf(request.cookies[SESSION_COOKIE] ?? ''),
        grants: grants.map((g) => ({ role: g.role, path: g.path })),
        permissions: [...permissions.values()],
      };
    },
  );
}
