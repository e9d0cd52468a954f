import type { Readable } from 'node:stream';
import { ancestorIds } from '../../db/tree-path.js';
import { maskCitizenIds } from '../../domain/member-sensitive.js';
import { appendAudit } from '../audit/audit.repository.js';
import { pathInScope } from '../auth/scope.js';
import type { ServiceContext } from '../service-context.js';
import * as exportRepo from './member-export.repository.js';
import { exportColumns, sensitiveExportFields, titleLines, type ExportCell, type ExportColumn } from './member-export.layout.js';
import { EXPORT_CONTENT_TYPES, type ExportMembersQuery } from './member-export.schema.js';
import { csvStream } from './member-export.writers.js';
import { xlsxStream } from './member-export.xlsx.js';
import * as repo from './member.repository.js';
import type { MemberSort } from './member.schema.js';
import { listFilterOf } from './member.service.js';

// Export of a member list (issue 6 item 7, issue 4 item 4): every member the caller can see
// under the list's filters, in the layout of the official list, streamed. Members are walked
// with the list's own keyset query in chunks, so the export holds one chunk at a time and
// lists exactly what GET /api/members pages through.

/** Members read per round trip: large enough to keep the walk cheap, small enough to keep memory flat. */
export const EXPORT_CHUNK = 2_000;

export interface MemberExport {
  filename: string;
  contentType: string;
  body: Readable;
}

interface Plan {
  /** Null when the search can match no one (only punctuation typed): an empty list, still audited. */
  filter: repo.MemberListFilter | null;
  sort: MemberSort;
  orgPath: string | null;
  columns: ExportColumn[];
  showSensitive: boolean;
  title: string[];
}

/** More than this many root orgs are named by count in the title, not one by one. */
const TITLE_ORGS = 3;

async function titleOrgName(ctx: ServiceContext, org: { name: string } | null): Promise<string> {
  if (org) return org.name;
  const ids = ctx.scope.paths.includes('/') ? await repo.rootOrgIds(ctx.db) : ctx.scope.paths.map((p) => ancestorIds(p).at(-1)!);
  const names = await exportRepo.orgNames(ctx.db, ctx.scope, ids);
  if (names.length <= TITLE_ORGS) return names.join('; ');
  return `${names.slice(0, TITLE_ORGS).join('; ')} và ${names.length - TITLE_ORGS} tổ chức khác`;
}

/**
 * The query's filters, every one of them: a filter the list gains (listMembersQuery) makes this
 * stop compiling until the export applies it too, so the file never silently differs from the list.
 */
function filtersOf(query: ExportMembersQuery) {
  const { format: _format, q, mode, org, status, sex, ageBand, theoryLevel, ethnicGroup, sort, ...unhandled } = query;
  const none: Record<string, never> = unhandled;
  return { q, mode, org, status, sex, ageBand, theoryLevel, ethnicGroup, sort, ...none };
}

async function plan(ctx: ServiceContext, query: ExportMembersQuery): Promise<Plan> {
  // The list's own reading of the filters (scope, org, statuses, search, the citizen-ID rule).
  const selected = await listFilterOf(ctx, filtersOf(query));
  const filter = selected?.filter ?? null;
  const org = selected?.org ?? (query.org !== undefined ? ((await repo.findOrg(ctx.db, ctx.scope, query.org)) ?? null) : null);
  const sensitiveScope = ctx.access.scopeFor('member_sensitive', 'read');
  // Sensitive columns are all or nothing for the file: present only when the caller may read
  // them for every member the file can hold, otherwise left out (not emptied, not partly filled).
  const range = org ? [org.path] : ctx.scope.paths;
  const showSensitive = range.length > 0 && range.every((p) => pathInScope(sensitiveScope, p));

  return {
    filter,
    sort: query.sort,
    orgPath: org?.path ?? null,
    columns: exportColumns(showSensitive),
    showSensitive,
    title: titleLines({ orgName: await titleOrgName(ctx, org), date: ctx.clock.today() }),
  };
}

/** The filtered list in its sort order, chunk by chunk, walked by the list's keyset cursor. */
async function* memberChunks(ctx: ServiceContext, filter: repo.MemberListFilter, sort: MemberSort, chunk: number): AsyncGenerator<exportRepo.ExportRow[]> {
  let start: repo.PageStart = { offset: 0 };
  for (;;) {
    const page = await exportRepo.exportPage(ctx.db, ctx.scope, filter, sort, chunk, start);
    if (page.length > 0) yield page;
    // A short page is the end of the list (the scope check on its rows removes none: the page
    // is already within the scope; were it ever to, the file would end short, not leak).
    if (page.length < chunk) return;
    const last = page.at(-1)!;
    start = { after: { sort, value: repo.sortValue(last, sort), id: last.id } };
  }
}

/**
 * The printed rows, numbered, and the export's one audit entry: written after the last row and
 * before the file is closed (so a file that reached its end was audited), or, when the client
 * went away or the walk failed, with what had been sent by then and complete: false.
 */
async function* printedRows(ctx: ServiceContext, query: ExportMembersQuery, p: Plan, opts: ExportOptions): AsyncGenerator<ExportCell[][]> {
  let rows = 0;
  let complete = false;
  const { format } = query;
  // The search may be a citizen ID, which not every reader of the trail may see.
  const typed = filtersOf(query);
  const filters = typed.q === undefined ? typed : { ...typed, q: maskCitizenIds(typed.q) };
  const audit = (done: boolean) =>
    appendAudit(ctx.db, ctx.actor, {
      action: 'member.export',
      entityType: 'member',
      entityId: null,
      // Where the trail shows it: the subtree exported, or the caller's single subtree.
      orgPath: p.orgPath ?? (ctx.scope.paths.length === 1 ? ctx.scope.paths[0]! : null),
      after: { format, filters, rows, complete: done, ...(p.showSensitive ? {} : { omittedColumns: sensitiveExportFields() }) },
    });
  try {
    if (p.filter !== null) {
      for await (const chunk of memberChunks(ctx, p.filter, p.sort, opts.chunk ?? EXPORT_CHUNK)) {
        const printed = chunk.map((r, i) => p.columns.map((c) => c.value(r, rows + i + 1)));
        rows += chunk.length;
        yield printed;
      }
    }
    complete = true;
    await audit(true);
  } finally {
    if (!complete) await audit(false).catch(opts.onError);
  }
}

export interface ExportOptions {
  /** Where a failure after the first byte is reported (the request's log): the client only sees a cut file. */
  onError: (e: unknown) => void;
  /** Members per round trip; EXPORT_CHUNK unless a test wants many chunks from few members. */
  chunk?: number;
}

export async function exportMembers(ctx: ServiceContext, query: ExportMembersQuery, opts: ExportOptions): Promise<MemberExport> {
  // Everything that can refuse the request runs here, before the first byte: once the file has
  // started, a failure can only cut it short.
  const p = await plan(ctx, query);
  const sheet = { title: p.title, columns: p.columns, chunks: printedRows(ctx, query, p, opts) };
  return {
    filename: `danh-sach-dang-vien-${ctx.clock.today()}.${query.format}`,
    contentType: EXPORT_CONTENT_TYPES[query.format],
    body: query.format === 'csv' ? csvStream(sheet) : xlsxStream(sheet, opts.onError),
  };
}
