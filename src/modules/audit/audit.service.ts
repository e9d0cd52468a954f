import { ancestorIds } from '../../db/tree-path.js';
import { AppError } from '../../errors.js';
import { findOrg } from '../account/account.repository.js';
import type { ServiceContext } from '../service-context.js';
import { queryAudit } from './audit.repository.js';
import type { AuditPage, AuditQuery } from './audit.schema.js';

// Reading the audit trail (issue 3 item 7) within ctx.scope, the caller's audit:read scope.

/** Midnight at the start of a calendar day in Việt Nam (UTC+7, no daylight saving). */
const vnMidnight = (date: string) => new Date(`${date}T00:00:00+07:00`);
const nextDay = (date: string) => new Date(vnMidnight(date).getTime() + 86_400_000);

export async function auditTrail(ctx: ServiceContext, q: AuditQuery): Promise<AuditPage> {
  let orgPath: string | undefined;
  if (q.org !== undefined) {
    const org = await findOrg(ctx.db, ctx.scope, q.org);
    if (!org) throw new AppError('ORG_NOT_FOUND', { id: q.org }, { field: 'org' });
    orgPath = org.path;
  }
  if (q.from !== undefined && q.to !== undefined && q.to < q.from) {
    throw new AppError('DATE_ORDER', { field: 'Đến ngày', value: q.to, other: 'từ ngày', otherValue: q.from }, { field: 'to' });
  }
  const { rows, total } = await queryAudit(ctx.db, ctx.scope, {
    entityType: q.entityType || undefined,
    entityId: q.entityId || undefined,
    userId: q.userId,
    orgPath,
    from: q.from === undefined ? undefined : vnMidnight(q.from),
    to: q.to === undefined ? undefined : nextDay(q.to),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      userId: r.user_id,
      username: r.username,
      ip: r.ip,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      orgId: r.org_path === null ? null : (ancestorIds(r.org_path).at(-1) ?? null),
      before: r.before,
      after: r.after,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
