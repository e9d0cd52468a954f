import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { BlocksTab } from './BlocksTab.js';
import { CardsTab } from './CardsTab.js';
import { DossiersTab } from './DossiersTab.js';
import { RegistersTab } from './RegistersTab.js';
import { UpdatesTab } from './UpdatesTab.js';

const TABS = ['cards', 'updates', 'dossiers', 'blocks', 'registers'] as const;
type Tab = (typeof TABS)[number];

/** "Hồ sơ, thẻ đảng": party cards, the yearly phiếu bổ sung inbox, the dossier handover and loan register, record-number blocks, the registers (issue 5 item 7). */
export default function RecordsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'cards';
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('records.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'cards' ? {} : { tab: k })}
        items={[
          { key: 'cards', label: t('records.tabs.cards'), children: <CardsTab /> },
          { key: 'updates', label: t('records.tabs.updates'), children: <UpdatesTab /> },
          { key: 'dossiers', label: t('records.tabs.dossiers'), children: <DossiersTab /> },
          { key: 'blocks', label: t('records.tabs.blocks'), children: <BlocksTab /> },
          { key: 'registers', label: t('records.tabs.registers'), children: <RegistersTab /> },
        ]}
      />
    </>
  );
}
