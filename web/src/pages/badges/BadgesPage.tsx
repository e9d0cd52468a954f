import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CandidatesTab } from './CandidatesTab.js';
import { RegisterTab } from './RegisterTab.js';

/** "Huy hiệu Đảng": the candidates of a ceremony batch, and the badge register (issue 5 item 6). */
export default function BadgesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'register' ? 'register' : 'candidates';
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('badges.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'register' ? { tab: k } : {})}
        items={[
          { key: 'candidates', label: t('badges.tabs.candidates'), children: <CandidatesTab /> },
          { key: 'register', label: t('badges.tabs.register'), children: <RegisterTab /> },
        ]}
      />
    </>
  );
}
