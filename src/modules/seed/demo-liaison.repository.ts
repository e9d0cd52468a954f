import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

// Who the demo refers to their residence (R-TRF-16): official members of the anchor commune who
// work in its offices and schools (a workplace grassroots org), not being transferred; and the
// village cells of the commune where they live.

export async function demoWorkplaceMembers(db: Kysely<DB>, communeId: number, limit: number): Promise<{ id: number }[]> {
  const { rows } = await sql<{ id: number }>`
    with commune as (select path from org where id = ${communeId})
    select m.id from member m, commune c
    where m.org_path >= c.path and m.org_path < c.path || '~' and m.status = 'official' and m.deleted_at is null
      and exists (select 1 from org g where g.org_kind in ('public_service', 'administrative') and m.org_path like g.path || '%')
      and not exists (select 1 from transfer_case t where t.member_id = m.id and t.closed_on is null)
    order by m.id
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ id: Number(r.id) }));
}

export async function demoVillageCells(db: Kysely<DB>, communeId: number, limit: number): Promise<{ id: number }[]> {
  const { rows } = await sql<{ id: number }>`
    with commune as (select path from org where id = ${communeId})
    select o.id from org o, commune c
    where o.path >= c.path and o.path < c.path || '~' and o.org_kind = 'village' and o.org_type in ('cell', 'grassroots_cell') and o.dissolved_on is null
    order by o.id
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ id: Number(r.id) }));
}
