import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { loginThrottleOf, type Config } from './config.js';
import { connect, type Database } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { startDailyJobs } from './modules/due/due.schedule.js';
import { ensureFirstAdmin } from './modules/auth/auth.service.js';
import { orgTableIsEmpty } from './modules/seed/seed.repository.js';
import { seedDatabase } from './modules/seed/seed.service.js';
import { createDemoAccounts, DEMO_PASSWORD } from './modules/seed/demo-accounts.service.js';
import { seedDemoAdmission } from './modules/seed/demo-admission.service.js';
import { seedDemoRecognition } from './modules/seed/demo-recognition.service.js';
import { seedDemoTransfers } from './modules/seed/demo-transfer.service.js';
import { seedDemoExits } from './modules/seed/demo-exits.service.js';
import { seedDemoAttachments } from './modules/seed/demo-attachments.service.js';
import { seedDemoTargets } from './modules/seed/demo-targets.service.js';
import { seedDemoBadges } from './modules/seed/demo-badges.service.js';
import { seedDemoRecords } from './modules/seed/demo-records.service.js';
import { seedDemoSlips } from './modules/seed/demo-slips.service.js';
import { TWO_FACTOR_ROLES_DEFAULT } from './domain/permissions.js';
import { findWebRoot } from './http/web-app.js';
import { secretBox } from './modules/auth/secret-box.js';
import { resolveTotpKey } from './modules/auth/totp-key.js';
import { sealPlaintextSecrets } from './modules/auth/totp.service.js';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens the database (embedded unless DATABASE_URL is set), migrates, makes sure an
 * administrator exists and — only on the embedded database with DANGVU_DEMO — loads the demo
 * dataset once. Production (DATABASE_URL) never gets demo data or a default password.
 */
export async function startServer(config: Config, log: (line: string) => void = console.log): Promise<RunningServer> {
  // Before anything opens: production without a key stops here rather than store secrets in plaintext.
  const totpBox = secretBox(resolveTotpKey(config, log));
  const database = await connect({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, sharedBuffers: config.PGLITE_SHARED_BUFFERS });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) log(`Đã áp dụng migration: ${applied.join(', ')}`);
    const sealed = await sealPlaintextSecrets(database.db, totpBox);
    if (sealed > 0) log(`Đã mã hóa ${sealed} khóa xác thực hai lớp còn lưu dạng rõ.`);

    const admin = await ensureFirstAdmin(database.db, config.DANGVU_ADMIN_PASSWORD);
    if (admin.created && admin.password) {
      log('');
      log('  Đã tạo tài khoản quản trị đầu tiên / first administrator created');
      log(`    tên đăng nhập / username: admin`);
      log(`    mật khẩu / password:      ${admin.password}`);
      log('  Mật khẩu này chỉ hiện một lần; hãy đổi sau khi đăng nhập. / Shown once: change it after signing in.');
      log('');
    } else if (admin.created) {
      log('Đã tạo tài khoản quản trị "admin" với mật khẩu từ DANGVU_ADMIN_PASSWORD.');
    }

    const demo = config.DANGVU_DEMO && !config.DATABASE_URL;
    if (demo && (await orgTableIsEmpty(database.db))) {
      log('Đang nạp dữ liệu mẫu (demo, tỉnh hư cấu)…');
      const r = await seedDatabase(database, { scale: 'demo' });
      const accounts = await createDemoAccounts(database.db, systemClock);
      const admission = await seedDemoAdmission(database.db, systemClock.today());
      const targets = await seedDemoTargets(database.db, systemClock.today());
      const recognition = await seedDemoRecognition(database.db, systemClock.today());
      const transfers = await seedDemoTransfers(database.db, systemClock.today());
      const exits = await seedDemoExits(database.db, systemClock.today());
      const badges = await seedDemoBadges(database.db, systemClock.today());
      const records = await seedDemoRecords(database.db, systemClock.today());
      const slips = await seedDemoSlips(database.db, systemClock.today());
      const attachments = await seedDemoAttachments(database.db, systemClock.today());
      log(
        `Đã nạp dữ liệu mẫu: ${r.orgs} tổ chức, ${r.members} đảng viên, ${admission.candidates} quần chúng ưu tú, ${admission.cases} hồ sơ kết nạp, ` +
          `${recognition.cases} hồ sơ xét công nhận chính thức, ${transfers.cases} hồ sơ chuyển sinh hoạt đảng, ${exits.removals} hồ sơ xóa tên, ` +
          `${exits.exemptions} đảng viên miễn sinh hoạt, ${targets.targets} chỉ tiêu kết nạp, ${badges.awards} Huy hiệu Đảng trong sổ, ` +
          `${records.numbers} số lý lịch, ${records.cards} thẻ đảng, ${records.updates} phiếu bổ sung hồ sơ, ${records.dossiers} dòng sổ giao nhận hồ sơ, ` +
          `${slips.slips} phiếu báo chuyển sinh hoạt, ${slips.liaisons} đảng viên sinh hoạt nơi cư trú, ` +
          `${attachments.attachments} bản quét đính kèm (${r.ms} ms).`,
      );
      log(`Tài khoản mẫu (chỉ dùng cho demo), mật khẩu "${DEMO_PASSWORD}": ${accounts.map((a) => `${a.username} (${a.role})`).join(', ')}`);
    }
    // The demo is for looking around: nobody is made to enrol an authenticator unless asked to.
    const twoFactorRoles = config.TWO_FACTOR_ROLES ?? (demo ? [] : TWO_FACTOR_ROLES_DEFAULT);
    if (demo && config.TWO_FACTOR_ROLES === undefined) log('Dữ liệu mẫu: không bắt buộc xác thực hai lớp (đặt TWO_FACTOR_ROLES để bật).');

    const webRoot = findWebRoot();
    if (!webRoot) log('Chưa có giao diện web đã build (dist/web): chạy "npm run build". Máy chủ chỉ phục vụ API.');
    const app = await buildApp(
      {
        db: database.db,
        engine: database.engine,
        clock: systemClock,
        session: { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS },
        cookieSecure: config.COOKIE_SECURE,
        security: { allowedOrigins: config.ALLOWED_ORIGINS, twoFactorRoles, loginThrottle: loginThrottleOf(config), totpBox },
      },
      { logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL }, webRoot, trustProxy: config.TRUST_PROXY },
    );

    const url = await app.listen({ port: config.PORT, host: config.HOST });
    const jobs = startDailyJobs(database.db, systemClock, log);
    log(`Đảng vụ đang chạy tại ${url.replace('0.0.0.0', 'localhost')} (cơ sở dữ liệu: ${database.engine}); API: /api/docs`);
    let stopped = false;
    return {
      app,
      database,
      url,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await app.close();
        await jobs.stop();
        await database.close();
      },
    };
  } catch (e) {
    await database.close();
    throw e;
  }
}
