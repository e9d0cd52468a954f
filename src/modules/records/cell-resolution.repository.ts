import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { inScope, type Scope } from '../auth/scope.js';

// The chi bộ resolutions register (R-REC-11) is derived, no table of its own: every chi bộ
// resolution step recorded on an admission, recognition or removal case, read from the step
// tables (history, never changed) and filtered on the case's path.

type Db = Kysely<DB> | Transaction<DB>;

export interface CellResolutionRow {
  case_kind: 'admission' | 'recognition' | 'removal';
  case_id: number;
  step_date: string;
  org_name: string;
  subject_name: string;
  subject_birth_date: string;
  decision_no: string | null;
  outcome: string;
  votes_members: number | null;
  votes_in_favour: number | null;
  votes_against: number | null;
  proposal: string | null;
}

/** Chi bộ resolutions of cases in scope, in date order; `year` keeps one calendar year. */
export async function cellResolutions(db: Db, scope: Scope, year: number | null): Promise<CellResolutionRow[]> {
  const part = (kind: CellResolutionRow['case_kind'], stepTable: string, caseTable: string, subject: 'candidate' | 'member', subjectKey: string) => {
    const yearFilter = year === null ? sql`true` : sql`s.step_date >= ${`${year}-01-01`} and s.step_date <= ${`${year}-12-31`}`;
    return sql`
      select ${kind}::text as case_kind, c.id as case_id, s.step_date, o.name as org_name, p.full_name as subject_name, p.birth_date as subject_birth_date,
             s.decision_no, s.outcome, s.votes_members, s.votes_in_favour, s.votes_against, s.details->>'proposal' as proposal, s.id as step_id
      from ${sql.table(stepTable)} s
      join ${sql.table(caseTable)} c on c.id = s.case_id
      join org o on o.id = c.org_id
      join ${sql.table(subject)} p on p.id = c.${sql.ref(subjectKey)}
      where s.kind = 'cell_resolution' and ${inScope(scope, 'c.org_path')} and ${yearFilter}`;
  };
  const r = await sql<CellResolutionRow>`
    select * from (
      ${part('admission', 'admission_step', 'admission_case', 'candidate', 'candidate_id')}
      union all
      ${part('recognition', 'recognition_step', 'recognition_case', 'member', 'member_id')}
      union all
      ${part('removal', 'removal_step', 'removal_case', 'member', 'member_id')}
    ) r
    order by r.step_date, r.org_name, r.case_kind, r.step_id`.execute(db);
  return r.rows;
}
