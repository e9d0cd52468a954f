import { Command } from 'commander';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { insertTestTree } from '../../test/factories.js';
import type { Database } from '../db/connect.js';
import { registerUserCommands } from './user.js';

// The `dangvu user` commands in process, against each engine: the same services as the API,
// acting as the operator (no user, address 'cli'), audited.

describeEachEngine('dangvu user', (getDb) => {
  let tree: Awaited<ReturnType<typeof insertTestTree>>;
  let out: string[] = [];

  const dangvu = async (...args: string[]) => {
    const program = new Command().exitOverride();
    registerUserCommands(program, (fn) => fn(getDb() as Database));
    out = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const table = vi.spyOn(console, 'table').mockImplementation((rows: unknown) => void out.push(JSON.stringify(rows)));
    try {
      await program.parseAsync(['node', 'dangvu', 'user', ...args]);
    } finally {
      log.mockRestore();
      table.mockRestore();
    }
    return out.join('\n');
  };

  beforeAll(async () => {
    tree = await insertTestTree(getDb().db, 'CLI');
  });
  afterEach(() => vi.restoreAllMocks());

  it('adds an account in a unit with a role there, printing the temporary password once', async () => {
    const text = await dangvu('add', 'cb.cli', '--name', 'Cán bộ CLI', '--org', String(tree.commune.id), '--role', 'org_staff');
    expect(text).toMatch(/Mật khẩu tạm: \S{10,}/);
    const u = await getDb().db.selectFrom('app_user').selectAll().where('username', '=', 'cb.cli').executeTakeFirstOrThrow();
    expect(u).toMatchObject({ org_id: tree.commune.id, must_change_password: true, display_name: 'Cán bộ CLI' });
    const roles = await getDb().db.selectFrom('role_assignment').select(['role', 'org_id', 'granted_by']).where('user_id', '=', u.id).execute();
    expect(roles).toEqual([{ role: 'org_staff', org_id: tree.commune.id, granted_by: null }]);
    const audit = await getDb().db.selectFrom('audit_log').select(['action', 'user_id', 'ip', 'org_path']).where('ip', '=', 'cli').execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'user.create', user_id: null, ip: 'cli', org_path: tree.commune.path },
        { action: 'role.grant', user_id: null, ip: 'cli', org_path: tree.commune.path },
      ]),
    );
    await expect(dangvu('add', 'Tên có dấu')).rejects.toThrow(/username/);
  });

  it('resets a lost authenticator: secret and recovery codes gone, sessions ended, audited from the shell', async () => {
    const db = getDb().db;
    await dangvu('add', 'mat.dien-thoai', '--org', String(tree.commune.id));
    const u = await db.selectFrom('app_user').select('id').where('username', '=', 'mat.dien-thoai').executeTakeFirstOrThrow();
    await db.updateTable('app_user').set({ totp_secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', totp_enabled_at: new Date(), totp_last_step: 5 }).where('id', '=', u.id).execute();
    await db.insertInto('recovery_code').values({ user_id: u.id, code_hash: 'x'.repeat(64) }).execute();
    await db.insertInto('app_session').values({ id: 'cli-2fa-session', user_id: u.id, stage: 'full', expires_at: new Date(Date.now() + 3600_000), ip: null, user_agent: null, created_at: new Date(), last_seen_at: new Date() }).execute();

    expect(await dangvu('reset-2fa', 'mat.dien-thoai')).toMatch(/Đã đặt lại xác thực hai lớp của mat\.dien-thoai; đã kết thúc 1 phiên/);
    expect(await db.selectFrom('app_user').select(['totp_secret', 'totp_enabled_at', 'totp_last_step']).where('id', '=', u.id).executeTakeFirstOrThrow()).toEqual({
      totp_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
    });
    expect(await db.selectFrom('recovery_code').select('user_id').where('user_id', '=', u.id).execute()).toEqual([]);
    expect(await db.selectFrom('app_session').select('id').where('user_id', '=', u.id).execute()).toEqual([]);
    const row = await db.selectFrom('audit_log').select(['user_id', 'ip', 'before', 'after']).where('action', '=', 'user.two_factor_reset').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: null, ip: 'cli', before: { twoFactorEnabled: true }, after: { twoFactorEnabled: false, sessionsEnded: 1 } });
    expect(await dangvu('reset-2fa', 'mat.dien-thoai')).toMatch(/chưa bật xác thực hai lớp/);
    await expect(dangvu('reset-2fa', 'khong.co.ai')).rejects.toThrow();
  });

  it('grants by org code, lists, locks, unlocks, resets and revokes', async () => {
    await dangvu('grant', 'cb.cli', 'leader', '--org', tree.province.code, '--from', '2026-01-01');
    expect(await dangvu('list', '--search', 'cb.cli')).toMatch(/leader @ Đảng bộ tỉnh CLI/);
    expect(await dangvu('lock', 'cb.cli')).toMatch(/locked/);
    expect(await dangvu('unlock', 'cb.cli')).toMatch(/active/);
    expect(await dangvu('reset', 'cb.cli')).toMatch(/Mật khẩu tạm/);
    expect(await dangvu('revoke', 'cb.cli', 'leader', '--org', String(tree.province.id))).toMatch(/Đã thu hồi 1/);
    await expect(dangvu('revoke', 'cb.cli', 'leader', '--org', String(tree.province.id))).rejects.toThrow(/không có vai trò/);
    const actions = await getDb().db.selectFrom('audit_log').select('action').where('ip', '=', 'cli').execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['user.lock', 'user.unlock', 'user.password_reset', 'role.revoke']));
    await expect(dangvu('lock', 'khong.co')).rejects.toThrow(/Không tìm thấy tài khoản/);
  });
});
