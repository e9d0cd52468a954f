import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MemberListQuery } from '../../api/members.js';
import { MemberTable } from './MemberTable.js';

/** The members of an org's subtree, on the org page, with a link to the full list and its filters. */
export function OrgMembers({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<MemberListQuery>({ org: orgId, pageSize: 20 });
  return (
    <>
      <MemberTable query={query} onQueryChange={(c) => setQuery((q) => ({ ...q, ...c }))} columns={['fullName', 'birthDate', 'status', 'org']} />
      <Link to={`/members?org=${orgId}`} style={{ display: 'inline-block', marginTop: '0.5rem' }}>
        {t('orgs.openMemberList')}
      </Link>
    </>
  );
}
