#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { loadConfig, type Config } from '../config.js';
import { connect, type Database } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { AppError } from '../errors.js';
import { TOTP_KEY_FILE } from '../modules/auth/totp-key.js';
import { registerImportExportCommands } from './import-export.js';
import { registerUserCommands } from './user.js';

const program = new Command()
  .name('dangvu')
  .description('Đảng vụ — công tác tổ chức xây dựng Đảng. Cấu hình qua biến môi trường (xem README).')
  .showHelpAfterError();

async function withDatabase<T>(config: Config, fn: (d: Database) => Promise<T>): Promise<T> {
  const database = await connect({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, sharedBuffers: config.PGLITE_SHARED_BUFFERS });
  try {
    await migrateToLatest(database.db);
    return await fn(database);
  } finally {
    await database.close();
  }
}

program
  .command('serve')
  .description('Chạy máy chủ web và API (cổng PORT, mặc định 3000)')
  .action(async () => {
    const config = loadConfig();
    const { startServer } = await import('../server.js');
    const server = await startServer(config);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        server.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  });

program
  .command('migrate')
  .description('Áp dụng các migration còn thiếu (tự chạy khi khởi động máy chủ)')
  .action(async () => {
    const config = loadConfig();
    const database = await connect({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, sharedBuffers: config.PGLITE_SHARED_BUFFERS });
    try {
      const applied = await migrateToLatest(database.db);
      console.log(applied.length ? `Đã áp dụng: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.');
    } finally {
      await database.close();
    }
  });

program
  .command('seed')
  .description('Sinh dữ liệu mẫu có tính quyết định (chỉ vào cơ sở dữ liệu trống)')
  .addOption(new Option('--scale <scale>', 'quy mô').choices(['demo', 'province', 'national']).default('demo'))
  .option('--seed <n>', 'hạt giống ngẫu nhiên', (v) => Number.parseInt(v, 10), 1)
  .action(async (opts: { scale: 'demo' | 'province' | 'national'; seed: number }) => {
    const config = loadConfig();
    const { seedDatabase } = await import('../modules/seed/seed.service.js');
    const { default: cliProgress } = await import('cli-progress');
    await withDatabase(config, async (database) => {
      const bar = new cliProgress.SingleBar({ format: ' {phase} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}' }, cliProgress.Presets.shades_classic);
      let started = false;
      const r = await seedDatabase(database, {
        scale: opts.scale,
        seed: opts.seed,
        onProgress: (done, total, phase) => {
          if (!started) {
            bar.start(total, 0, { phase });
            started = true;
          }
          bar.setTotal(total);
          bar.update(done, { phase });
        },
      });
      if (started) bar.stop();
      console.log(`Đã nạp ${r.orgs} tổ chức và ${r.members} đảng viên trong ${(r.ms / 1000).toFixed(1)} s.`);
      if (opts.scale === 'demo') {
        // The demo also shows the admission and recognition screens with cases in every state (issue 5).
        const { seedDemoAdmission } = await import('../modules/seed/demo-admission.service.js');
        const { systemClock } = await import('../clock.js');
        const a = await seedDemoAdmission(database.db, systemClock.today());
        console.log(`Đã thêm ${a.candidates} quần chúng ưu tú và ${a.cases} hồ sơ kết nạp mẫu.`);
        const { seedDemoRecognition } = await import('../modules/seed/demo-recognition.service.js');
        const rc = await seedDemoRecognition(database.db, systemClock.today());
        console.log(`Đã thêm ${rc.cases} hồ sơ xét công nhận đảng viên chính thức mẫu.`);
        const { seedDemoTransfers } = await import('../modules/seed/demo-transfer.service.js');
        const tr = await seedDemoTransfers(database.db, systemClock.today());
        console.log(`Đã thêm ${tr.cases} hồ sơ chuyển sinh hoạt đảng mẫu.`);
        const { seedDemoExits } = await import('../modules/seed/demo-exits.service.js');
        const ex = await seedDemoExits(database.db, systemClock.today());
        console.log(`Đã thêm ${ex.removals} hồ sơ xóa tên, ${ex.exemptions} đảng viên miễn sinh hoạt, ${ex.exits} đảng viên ra khỏi Đảng hoặc từ trần mẫu.`);
        const { seedDemoAttachments } = await import('../modules/seed/demo-attachments.service.js');
        const at = await seedDemoAttachments(database.db, systemClock.today());
        console.log(`Đã đính kèm ${at.attachments} bản quét mẫu vào các hồ sơ.`);
        const { seedDemoTargets } = await import('../modules/seed/demo-targets.service.js');
        const tg = await seedDemoTargets(database.db, systemClock.today());
        console.log(`Đã giao ${tg.targets} chỉ tiêu kết nạp mẫu cho các năm ${tg.years.join(', ')}.`);
        const { seedDemoBadges } = await import('../modules/seed/demo-badges.service.js');
        const bd = await seedDemoBadges(database.db, systemClock.today());
        console.log(`Đã thêm ${bd.members} đảng viên đạt tuổi đảng xét tặng Huy hiệu và ${bd.awards} Huy hiệu trong sổ mẫu.`);
        const { seedDemoRecords } = await import('../modules/seed/demo-records.service.js');
        const rd = await seedDemoRecords(database.db, systemClock.today());
        console.log(`Đã cấp ${rd.numbers} số lý lịch, ${rd.cards} thẻ đảng, ${rd.updates} phiếu bổ sung hồ sơ và ${rd.dossiers} dòng sổ giao nhận hồ sơ mẫu.`);
        const { seedDemoSlips } = await import('../modules/seed/demo-slips.service.js');
        const sl = await seedDemoSlips(database.db, systemClock.today());
        console.log(`Đã ghi ${sl.slips} phiếu báo chuyển sinh hoạt và ${sl.liaisons} đảng viên giới thiệu về sinh hoạt nơi cư trú mẫu.`);
      }
    });
  });

const check = program.command('check').description('Kiểm tra tính nhất quán');

check
  .command('search')
  .description('So bảng tìm kiếm theo từ của tên (member_name_token) với tên đảng viên hiện có và báo mọi chênh lệch')
  .option('--repair', 'dựng lại bảng từ tên đảng viên khi có chênh lệch')
  .action(async (opts: { repair?: boolean }) => {
    const { nameTokenDifferences, rebuildNameTokens } = await import('../modules/member/member-token.repository.js');
    await withDatabase(loadConfig(), async ({ db }) => {
      const diff = await nameTokenDifferences(db, 50);
      if (diff.length === 0) {
        console.log('Bảng tìm kiếm khớp hoàn toàn với tên đảng viên.');
        return;
      }
      console.log(`Có chênh lệch (${diff.length === 50 ? 'ít nhất 50' : diff.length} dòng). Một số dòng đầu:`);
      console.table(diff.slice(0, 20));
      if (opts.repair) {
        await rebuildNameTokens(db);
        console.log('Đã dựng lại bảng tìm kiếm.');
      } else {
        process.exitCode = 2;
      }
    });
  });

check
  .command('rollups')
  .description('Đếm lại toàn bộ số liệu tổng hợp từ bảng gốc và báo mọi chênh lệch')
  .option('--repair', 'ghi đè bằng số đếm lại khi có chênh lệch')
  .action(async (opts: { repair?: boolean }) => {
    const config = loadConfig();
    const { differences, rebuildAll } = await import('../modules/rollup/rollup.repository.js');
    await withDatabase(config, async ({ db }) => {
      const t0 = performance.now();
      const diff = await differences(db, 50);
      const ms = Math.round(performance.now() - t0);
      if (diff.total === 0) {
        console.log(`Số liệu tổng hợp khớp hoàn toàn với số đếm lại (${ms} ms).`);
        return;
      }
      console.log(`Có ${diff.total} chênh lệch (${ms} ms). Một số dòng đầu:`);
      console.table(diff.rows);
      if (opts.repair) {
        await rebuildAll(db);
        console.log('Đã tính lại toàn bộ số liệu tổng hợp.');
      } else {
        process.exitCode = 2;
      }
    });
  });

registerUserCommands(program, (fn) => withDatabase(loadConfig(), fn));
registerImportExportCommands(program, (fn) => withDatabase(loadConfig(), fn));

program
  .command('jobs')
  .description('Việc định kỳ')
  .command('due')
  .description('Tính lại danh sách việc cần làm từ các hồ sơ đang mở (máy chủ tự chạy mỗi ngày; chạy lại không thay đổi gì)')
  .action(async () => {
    const { runDueJob } = await import('../modules/due/due.service.js');
    const { DUE_SOURCES } = await import('../modules/due/due.sources.js');
    const { systemClock } = await import('../clock.js');
    await withDatabase(loadConfig(), async (d) => {
      for (const s of await runDueJob(d.db, systemClock, DUE_SOURCES)) console.log(`${s.kind}: ${s.cases} hồ sơ đang mở, ${s.items} thời hạn (${s.written} dòng ghi mới hoặc sửa, ${s.removed} dòng bỏ)`);
    });
  });

program
  .command('backup')
  .description('Sao lưu: bản sao nhất quán của cơ sở dữ liệu nhúng, hoặc hướng dẫn pg_dump cho PostgreSQL')
  .option('--out <file>', 'tệp đích (.tar.gz)', `dangvu-backup-${new Date().toISOString().slice(0, 10)}.tar.gz`)
  .action(async (opts: { out: string }) => {
    const config = loadConfig();
    const backup = await import('../db/backup.js');
    if (config.DATABASE_URL) {
      console.log(backup.postgresBackupInstructions(config.DATABASE_URL));
      return;
    }
    const database = await connect({ dataDir: config.DATA_DIR, sharedBuffers: config.PGLITE_SHARED_BUFFERS });
    try {
      await backup.backupEmbedded(database, opts.out);
      console.log(`Đã sao lưu vào ${opts.out}`);
      // Kept out of the copy on purpose (a stolen backup should not carry its own key), so say so.
      const keyFile = join(config.DATA_DIR, TOTP_KEY_FILE);
      if (config.DANGVU_TOTP_KEY === undefined && existsSync(keyFile)) {
        console.log(`Lưu ý: khóa xác thực hai lớp ${keyFile} không nằm trong bản sao lưu. Hãy cất riêng một bản của tệp này; khôi phục mà thiếu nó thì mọi người dùng phải đặt lại xác thực hai lớp.`);
      }
    } finally {
      await database.close();
    }
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof AppError) console.error(`Lỗi [${e.code}]: ${e.message}`);
  else console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
