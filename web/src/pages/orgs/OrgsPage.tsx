import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { orgApi, orgKeys } from '../../api/orgs.js';
import { OrgDetailsView } from './OrgDetailsView.js';
import { OrgSearch } from './OrgSearch.js';
import { OrgTree } from './OrgTree.js';

/** The tree (with search) beside the chosen org's page; stacked on a phone. */
export default function OrgsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = useParams();
  const orgId = params.orgId ? Number(params.orgId) : undefined;
  const details = useQuery({ queryKey: orgKeys.details(orgId ?? 0), queryFn: () => orgApi.details(orgId!), enabled: !!orgId });
  // The breadcrumb's ids are the path to open; the org itself is selected, not opened.
  const openPath = details.data?.ancestors.map((a) => a.id) ?? [];
  const open = (id: number) => navigate(`/orgs/${id}`);

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('orgs.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          <Card size="small" styles={{ body: { padding: '0.75rem' } }}>
            <OrgSearch onPick={open} />
            <div style={{ marginTop: '0.75rem' }}>
              <OrgTree selectedId={orgId} openPath={openPath} onSelect={open} />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          {orgId ? <OrgDetailsView orgId={orgId} /> : <Empty description={t('orgs.pickOne')} />}
        </Col>
      </Row>
    </>
  );
}
