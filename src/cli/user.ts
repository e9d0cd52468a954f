import { Option, type Command } from 'commander';
import { systemClock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { ROLES, type Role } from '../domain/permissions.js';
import { isoDate } from '../http/schemas.js';
import { createAccountBody } from '../modules/account/account.schema.js';
import type { ServiceContext } from '../modules/service-context.js';

// `dangvu user …`: account administration from the server's shell, through the same services
// as the API (so the same rules and the same audit rows), acting as the operator.

type Run = <T>(fn: (d: Database) => Promise<T>) => Promise<T>;

async function services() {
  const [accounts, roles, { operatorContext }] = await Promise.all([
    import('../modules/account/account.service.js'),
    import('../modules/account/role-assignment.service.js'),
    import('../modules/service-context.js'),
  ]);
  return { accounts, roles, context: (d: Database): ServiceContext => operatorContext(d.db, systemClock) };
}

function date(value: string): string {
  const r = isoDate.safeParse(value);
  if (!r.success) throw new Error(`Ngày "${value}" không hợp lệ (định dạng YYYY-MM-DD)`);
  return r.data;
}

const roleOption = (flags: string, what: string) => new Option(flags, what).choices(ROLES);

export function registerUserCommands(program: Command, run: Run): void {
  const user = program
    .command('user')
    .description('Quản lý tài khoản và phân quyền (mỗi thay đổi được ghi vào nhật ký, địa chỉ "cli")');

  user
    .command('add <username>')
    .description('Tạo tài khoản với mật khẩu tạm (đọc từ --password hoặc sinh ngẫu nhiên và in ra một lần); phải đổi khi đăng nhập lần đầu')
    .option('--name <displayName>', 'tên hiển thị')
    .option('--password <password>', 'mật khẩu tạm (≥ 10 ký tự, không chứa tên đăng nhập, không quá phổ biến)')
    .option('--org <id|code>', 'đơn vị của tài khoản (mã số hoặc mã tổ chức); bỏ trống: toàn hệ thống')
    .addOption(roleOption('--role <role>', 'cấp luôn vai trò này trên --org (hoặc toàn hệ thống)'))
    .action(async (username: string, opts: { name?: string; password?: string; org?: string; role?: Role }) => {
      const { accounts, roles, context } = await services();
      await run(async (d) => {
        const ctx = context(d);
        const org = opts.org === undefined ? null : await accounts.orgByRef(ctx, opts.org);
        // The same checks as the API's body, so the shell cannot create a name the API refuses.
        const input = createAccountBody.safeParse({ username, displayName: opts.name ?? username, orgId: org?.id ?? null, password: opts.password });
        if (!input.success) throw new Error(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        const { account, temporaryPassword } = await accounts.createAccount(ctx, input.data);
        console.log(`Đã tạo tài khoản ${account.username} (mã ${account.id})${org ? ` thuộc "${org.name}"` : ', toàn hệ thống'}.`);
        if (temporaryPassword) console.log(`Mật khẩu tạm: ${temporaryPassword} (chỉ in lần này; phải đổi khi đăng nhập lần đầu)`);
        if (opts.role) {
          const a = await roles.grantRole(ctx, { userId: account.id, role: opts.role, orgId: org?.id ?? null });
          console.log(`Đã cấp vai trò ${a.role} (phân quyền mã ${a.id}).`);
        }
      });
    });

  user
    .command('reset <username>')
    .description('Đặt lại mật khẩu tạm (phải đổi khi đăng nhập) và kết thúc mọi phiên làm việc của tài khoản')
    .option('--password <password>', 'mật khẩu tạm mới; bỏ trống: sinh ngẫu nhiên và in ra một lần')
    .action(async (username: string, opts: { password?: string }) => {
      const { accounts, context } = await services();
      await run(async (d) => {
        const ctx = context(d);
        const { id } = await accounts.accountByUsername(ctx, username);
        const r = await accounts.resetPassword(ctx, id, { password: opts.password });
        console.log(`Đã đặt lại mật khẩu của ${username}; đã kết thúc ${r.sessionsEnded} phiên làm việc.`);
        if (r.temporaryPassword) console.log(`Mật khẩu tạm: ${r.temporaryPassword} (chỉ in lần này)`);
      });
    });

  user
    .command('reset-2fa <username>')
    .description('Đặt lại xác thực hai lớp (mất ứng dụng xác thực): xóa khóa và mã khôi phục, kết thúc mọi phiên; thiết lập lại khi đăng nhập nếu vai trò bắt buộc')
    .action(async (username: string) => {
      const { accounts, context } = await services();
      await run(async (d) => {
        const ctx = context(d);
        const { id } = await accounts.accountByUsername(ctx, username);
        const r = await accounts.resetTwoFactor(ctx, id);
        console.log(
          r.twoFactorWasEnabled
            ? `Đã đặt lại xác thực hai lớp của ${username}; đã kết thúc ${r.sessionsEnded} phiên làm việc.`
            : `Tài khoản ${username} chưa bật xác thực hai lớp; đã xóa thiết lập dở dang (nếu có) và kết thúc ${r.sessionsEnded} phiên làm việc.`,
        );
      });
    });

  for (const [action, description] of [
    ['lock', 'Khóa tài khoản và kết thúc mọi phiên làm việc'],
    ['unlock', 'Mở khóa (hoặc kích hoạt lại) tài khoản và xóa đếm đăng nhập sai'],
    ['disable', 'Vô hiệu hóa tài khoản (người đã thôi công tác) và kết thúc mọi phiên làm việc'],
  ] as const) {
    user
      .command(`${action} <username>`)
      .description(description)
      .action(async (username: string) => {
        const { accounts, context } = await services();
        await run(async (d) => {
          const ctx = context(d);
          const { id } = await accounts.accountByUsername(ctx, username);
          const a = await accounts.setStatus(ctx, id, action);
          console.log(`Tài khoản ${a.username}: ${a.status}.`);
        });
      });
  }

  user
    .command('grant <username> <role>')
    .description(`Cấp vai trò (${ROLES.join(', ')}) trên một tổ chức và cả cây trực thuộc, hoặc toàn hệ thống`)
    .option('--org <id|code>', 'tổ chức; bỏ trống: toàn hệ thống')
    .option('--from <date>', 'ngày bắt đầu hiệu lực (YYYY-MM-DD), mặc định hôm nay', date)
    .option('--to <date>', 'ngày cuối còn hiệu lực (YYYY-MM-DD), mặc định không thời hạn', date)
    .action(async (username: string, role: string, opts: { org?: string; from?: string; to?: string }) => {
      if (!(ROLES as readonly string[]).includes(role)) throw new Error(`Vai trò "${role}" không có; chọn một trong: ${ROLES.join(', ')}`);
      const { accounts, roles, context } = await services();
      await run(async (d) => {
        const ctx = context(d);
        const { id } = await accounts.accountByUsername(ctx, username);
        const org = opts.org === undefined ? null : await accounts.orgByRef(ctx, opts.org);
        const a = await roles.grantRole(ctx, { userId: id, role: role as Role, orgId: org?.id ?? null, validFrom: opts.from, validTo: opts.to });
        console.log(`Đã cấp ${a.role} cho ${username} tại ${org ? `"${org.name}"` : 'toàn hệ thống'} từ ${a.validFrom} (phân quyền mã ${a.id}).`);
      });
    });

  user
    .command('revoke <username> <role>')
    .description('Thu hồi vai trò đang có của tài khoản trên một tổ chức (--org) hoặc toàn hệ thống')
    .option('--org <id|code>', 'tổ chức; bỏ trống: phân quyền toàn hệ thống')
    .action(async (username: string, role: string, opts: { org?: string }) => {
      const { accounts, roles, context } = await services();
      await run(async (d) => {
        const ctx = context(d);
        const { id } = await accounts.accountByUsername(ctx, username);
        const org = opts.org === undefined ? null : await accounts.orgByRef(ctx, opts.org);
        const standing = (await roles.listRoles(ctx, id)).items.filter((a) => a.role === role && a.revokedAt === null && (a.org?.id ?? null) === (org?.id ?? null));
        if (standing.length === 0) throw new Error(`${username} không có vai trò ${role} tại ${org ? `"${org.name}"` : 'toàn hệ thống'}`);
        for (const a of standing) await roles.revokeRole(ctx, a.id);
        console.log(`Đã thu hồi ${standing.length} phân quyền ${role} của ${username}.`);
      });
    });

  user
    .command('list')
    .description('Liệt kê tài khoản và các vai trò đang có hiệu lực')
    .option('--search <text>', 'tìm trong tên đăng nhập và tên hiển thị')
    .action(async (opts: { search?: string }) => {
      const { accounts, roles, context } = await services();
      await run(async (d) => {
        const ctx = context(d);
        const rows: Record<string, string>[] = [];
        for (let page = 1; ; page++) {
          const { items, total } = await accounts.listAccounts(ctx, { q: opts.search, page, pageSize: 200 });
          for (const a of items) {
            const held = (await roles.listRoles(ctx, a.id)).items.filter((r) => r.active);
            rows.push({
              'tên đăng nhập': a.username,
              'tên hiển thị': a.displayName,
              'trạng thái': a.status + (a.mustChangePassword ? ' (phải đổi mật khẩu)' : ''),
              'đơn vị': a.org?.name ?? 'toàn hệ thống',
              'vai trò': held.map((r) => `${r.role} @ ${r.org?.name ?? 'toàn hệ thống'}`).join('; '),
            });
          }
          if (page * 200 >= total) break;
        }
        if (rows.length === 0) console.log('Không có tài khoản nào.');
        else console.table(rows);
      });
    });
}
