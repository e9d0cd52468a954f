import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { errorResponses, signInErrorResponses } from '../../http/schemas.js';
import { presentUser, setSessionCookie, userBody } from './auth.routes.js';
import { csrfTokenOf } from './auth.service.js';
import * as totp from './totp.service.js';

const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Mã xác thực gồm 6 chữ số')
  .describe('Mã 6 chữ số đang hiện trên ứng dụng xác thực');
const recoveryCode = z.string().trim().min(1).max(40).describe('Một mã khôi phục chưa dùng (mỗi mã dùng được một lần)');

const tags = ['auth'];

// Two-factor sign-in with TOTP. Enrolment (setup, enable) is reachable while a role requires
// it and it is not yet on ('totp_setup'); verify completes a sign-in waiting for its code ('password').
export async function totpRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = app;

  r.post(
    '/api/auth/totp/setup',
    {
      config: { self: true, signInStep: ['totp_setup'] },
      schema: {
        tags,
        summary: 'Bắt đầu thiết lập xác thực hai lớp: tạo khóa bí mật để quét vào ứng dụng xác thực',
        response: {
          200: z.object({
            otpauthUri: z.string().describe('Địa chỉ otpauth:// (hiện thành mã QR)'),
            secret: z.string().describe('Khóa bí mật dạng base32, để nhập tay nếu không quét được mã QR'),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      if (!request.user) throw new AppError('UNAUTHENTICATED');
      const { uri, secret } = await totp.startSetup(ctx.db, ctx.clock, ctx.security, request.user, request.ip);
      return { otpauthUri: uri, secret };
    },
  );

  r.post(
    '/api/auth/totp/enable',
    {
      config: { self: true, signInStep: ['totp_setup'] },
      schema: {
        tags,
        summary: 'Bật xác thực hai lớp bằng mã đầu tiên từ ứng dụng; trả về 10 mã khôi phục (chỉ hiện một lần)',
        body: z.strictObject({ code }),
        response: {
          200: z.object({
            recoveryCodes: z.array(z.string()).describe('Mã khôi phục dùng khi mất điện thoại; mỗi mã dùng một lần, chỉ hiện lần này'),
            user: userBody,
            csrfToken: z.string().describe('Mã chống giả mạo mới (phiên đã được cấp mã mới)'),
          }),
          ...signInErrorResponses,
        },
      },
    },
    async (request, reply) => {
      if (!request.user) throw new AppError('UNAUTHENTICATED');
      const { recoveryCodes, stage, token } = await totp.enable(ctx.db, ctx.clock, ctx.security, request.user, request.body.code, request.ip);
      setSessionCookie(app, reply, token);
      return { recoveryCodes, user: presentUser({ ...request.user, stage }), csrfToken: csrfTokenOf(token) };
    },
  );

  r.post(
    '/api/auth/totp/verify',
    {
      config: { self: true, signInStep: ['password'] },
      schema: {
        tags,
        summary: 'Hoàn tất đăng nhập bằng mã xác thực hai lớp hoặc một mã khôi phục',
        body: z
          .strictObject({ code: code.optional(), recoveryCode: recoveryCode.optional() })
          .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
            message: 'Gửi đúng một trong hai: code hoặc recoveryCode',
            path: ['code'],
          }),
        response: {
          200: z.object({
            user: userBody,
            csrfToken: z.string().describe('Mã chống giả mạo mới (phiên đã được cấp mã mới)'),
            recoveryCodesLeft: z.number().nullable().describe('Số mã khôi phục còn lại khi vừa dùng một mã; null khi dùng mã xác thực'),
          }),
          ...signInErrorResponses,
        },
      },
    },
    async (request, reply) => {
      if (!request.user) throw new AppError('UNAUTHENTICATED');
      const { recoveryCodesLeft, token } = await totp.verifySecondFactor(ctx.db, ctx.clock, ctx.security, request.user, request.body, request.ip);
      setSessionCookie(app, reply, token);
      return { user: presentUser({ ...request.user, stage: 'full' }), csrfToken: csrfTokenOf(token), recoveryCodesLeft };
    },
  );

  r.post(
    '/api/auth/totp/disable',
    {
      config: { self: true },
      schema: {
        tags,
        summary: 'Tắt xác thực hai lớp (cần mật khẩu và mã hiện tại; không được khi vai trò bắt buộc)',
        body: z.strictObject({ password: z.string().min(1).max(200), code }),
        response: { 204: z.null(), ...signInErrorResponses },
      },
    },
    async (request, reply) => {
      if (!request.user) throw new AppError('UNAUTHENTICATED');
      await totp.disable(ctx.db, ctx.clock, ctx.security, request.user, request.body, request.ip);
      return reply.status(204).send(null);
    },
  );
}
