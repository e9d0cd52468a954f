import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { systemClock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { makeAccess } from '../modules/auth/access.js';
import { makeScope } from '../modules/auth/scope.js';
import { fileSource } from '../modules/import/byte-source.js';
import type { ServiceContext } from '../modules/service-context.js';

// `dangvu import members …` and `dangvu export members …`: the same services as the API, run by
// the operator at the shell as commission staff of the named org's subtree (nothing outside it
// is read or written), audited from the address "cli".

type Run = <T>(fn: (d: Database) => Promise<T>) => Promise<T>;

/** The org named by code (or id), and a context whose scope is exactly its subtree. */
async function orgContext(d: Database, ref: string): Promise<{ ctx: ServiceContext; org: { id: number; name: string } }> {
  const [{ operatorContext }, accounts, importRepo] = await Promise.all([
    import('../modules/service-context.js'),
    import('../modules/account/account.service.js'),
    import('../modules/import/import.repository.js'),
  ]);
  const operator = operatorContext(d.db, systemClock);
  const found = await accounts.orgByRef(operator, ref);
  const row = (await importRepo.findOrg(d.db, operator.scope, found.id))!;
  const ctx: ServiceContext = {
    db: d.db,
    clock: systemClock,
    actor: { userId: null, ip: 'cli' },
    scope: makeScope([row.path]),
    access: makeAccess([{ role: 'org_staff', path: row.path }]),
  };
  return { ctx, org: found };
}

function printReport(job: { counts: Record<string, number>; problemCount: number; problems: { row: number; column: string | null; message: string; severity: string }[] }, kind: Kind) {
  const c = job.counts;
  console.log(
    `Dòng dữ liệu: ${c.rows ?? 0} | mới: ${c.new ?? 0} | cần cập nhật: ${c.toUpdate ?? 0} | không đổi: ${c.unchanged ?? 0} | lỗi: ${c.error ?? 0} | trùng trong tệp: ${c.duplicatesInFile ?? 0}` +
      (kind === 'members' ? ` | có thể trùng: ${c.possibleDuplicates ?? 0}` : ''),
  );
  for (const p of job.problems) console.log(`  Dòng ${p.row}${p.column ? ` [${p.column}]` : ''}${p.severity === 'warning' ? ' (lưu ý)' : ''}: ${p.message}`);
  if (job.problemCount > job.problems.length) console.log(`  … và ${job.problemCount - job.problems.length} vấn đề khác (xem báo cáo .xlsx)`);
}

type ImportOpts = { org: string; template?: string; dryRun?: boolean; report?: string; onDuplicate: 'skip' | 'update' | 'stop' };
type Kind = 'members' | 'orgs' | 'targets';

/** One import, whatever it holds: upload, dry run (report), then the commit unless --dry-run. */
function importAction(kind: Kind, run: Run) {
  return async (file: string, opts: ImportOpts) => {
    const [service, { reportWorkbook }, { default: cliProgress }] = await Promise.all([
      import('../modules/import/import.service.js'),
      import('../modules/import/import.report.js'),
      import('cli-progress'),
    ]);
    await run(async (d) => {
      const { ctx, org } = await orgContext(d, opts.org);
      // Read from the path a part at a time, as the server reads a spooled upload.
      const source = await fileSource(file);
      const job = await service.uploadFile(ctx, { fileName: basename(file), orgId: org.id, onDuplicate: opts.onDuplicate, template: opts.template, source, kind }).finally(() => source.close());
      console.log(`Tệp ${basename(file)} (${job.format}${job.encoding ? `, ${job.encoding}` : ''}) → ${org.name}; tiêu đề ở dòng ${job.layout?.headerRow}.`);
      const bar = new cliProgress.SingleBar({ format: ' {phase} [{bar}] {percentage}% | {value}/{total} dòng' }, cliProgress.Presets.shades_classic);
      let started = false;
      const progress = (phase: string) => (done: number, total: number | null) => {
        if (!started) {
          bar.start(total ?? done, 0, { phase });
          started = true;
        }
        bar.setTotal(Math.max(total ?? done, done, 1));
        bar.update(done, { phase });
      };
      const checked = await service.dryRun(ctx, job.id, progress('Kiểm tra'));
      if (started) bar.stop();
      started = false;
      printReport(checked, kind);
      if (opts.report) {
        const src = await service.reportSource(ctx, job.id);
        await pipeline(reportWorkbook(src.job.format, src.file, src.layout, src.problems, () => undefined), createWriteStream(opts.report));
        console.log(`Đã ghi báo cáo kiểm tra: ${opts.report}`);
      }
      if (opts.dryRun) {
        console.log('Chỉ kiểm tra (--dry-run): chưa ghi gì.');
        return;
      }
      if ((checked.counts.error ?? 0) > 0) {
        process.exitCode = 2;
        console.log('Có dòng lỗi: không ghi gì. Sửa tệp rồi chạy lại.');
        return;
      }
      const done = await service.commit(ctx, job.id, progress('Ghi'));
      if (started) bar.stop();
      const c = done.counts;
      console.log(`Đã ghi: thêm ${c.created ?? 0}, cập nhật ${c.updated ?? 0}, bỏ qua ${c.skipped ?? 0}, không đổi ${c.unchanged ?? 0} (lần nhập mã ${done.id}).`);
    });
  };
}

const IMPORTS: { kind: Kind; command: string; description: string; org: string }[] = [
  {
    kind: 'members',
    command: 'members <file>',
    description: 'Nhập danh sách đảng viên (.xlsx hoặc .csv): kiểm tra mọi dòng trước, rồi ghi tất cả hoặc không gì cả',
    org: 'mã tổ chức nhận dữ liệu (dòng ghi chi bộ được tìm trong cây trực thuộc)',
  },
  {
    kind: 'orgs',
    command: 'orgs <file>',
    description: 'Nhập cây tổ chức đảng (mã và mã cấp trên, hoặc tên thụt lề / đánh số 1., 1.1): kiểm tra trước, rồi ghi tất cả hoặc không gì cả',
    org: 'mã tổ chức nhận dữ liệu (dòng không ghi cấp trên nằm ngay dưới tổ chức này)',
  },
  {
    kind: 'targets',
    command: 'targets <file>',
    description: 'Nhập chỉ tiêu kết nạp đảng viên theo năm của các tổ chức: kiểm tra trước, rồi ghi tất cả hoặc không gì cả',
    org: 'mã tổ chức nhận dữ liệu (tổ chức ghi trong tệp được tìm trong cây trực thuộc)',
  },
];

export function registerImportExportCommands(program: Command, run: Run): void {
  const importCommand = program.command('import').description('Nhập dữ liệu từ tệp');
  for (const i of IMPORTS) {
    importCommand
      .command(i.command)
      .description(i.description)
      .requiredOption('--org <code>', i.org)
      .option('--template <name>', 'mẫu ánh xạ cột đã lưu')
      .option('--dry-run', 'chỉ kiểm tra, không ghi')
      .option('--report <file.xlsx>', 'ghi tệp kèm cột lỗi của từng dòng')
      .addOption(new Option('--on-duplicate <policy>', 'dòng trùng dữ liệu đã có: skip bỏ qua, update sửa, stop không ghi gì').choices(['skip', 'update', 'stop']).default('skip'))
      .action(importAction(i.kind, run));
  }

  program
    .command('export')
    .description('Xuất dữ liệu ra tệp')
    .command('members')
    .description('Xuất danh sách đảng viên đang sinh hoạt của một tổ chức (cả cây trực thuộc)')
    .requiredOption('--org <code>', 'mã tổ chức')
    .addOption(new Option('--format <format>', 'định dạng').choices(['xlsx', 'csv']).default('xlsx'))
    .requiredOption('--out <file>', 'tệp đích')
    .action(async (opts: { org: string; format: 'xlsx' | 'csv'; out: string }) => {
      const [{ exportMembers }, { exportMembersQuery }] = await Promise.all([import('../modules/member/member-export.service.js'), import('../modules/member/member-export.schema.js')]);
      await run(async (d) => {
        const { ctx, org } = await orgContext(d, opts.org);
        const query = exportMembersQuery.parse({ format: opts.format, org: org.id });
        let failure: unknown = null;
        const file = await exportMembers(ctx, query, { onError: (e) => (failure = e) });
        await pipeline(file.body, createWriteStream(opts.out));
        if (failure) throw failure;
        console.log(`Đã xuất danh sách đảng viên của ${org.name} vào ${opts.out}.`);
      });
    });
}
