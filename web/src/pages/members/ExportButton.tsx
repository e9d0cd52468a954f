import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { memberExportUrl, type MemberListQuery } from '../../api/members.js';

/**
 * "Xuất Excel": downloads the list as filtered on screen, in the official list's layout; CSV
 * as the second choice. Links, so the browser saves the streamed file itself.
 */
export function ExportButton({ query }: { query: MemberListQuery }) {
  const { t } = useTranslation();
  return (
    <Space.Compact>
      <Tooltip title={t('members.export.hint')}>
        <Button icon={<DownloadOutlined />} href={memberExportUrl(query, 'xlsx')} download>
          {t('members.export.excel')}
        </Button>
      </Tooltip>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'csv',
              label: (
                <a href={memberExportUrl(query, 'csv')} download>
                  {t('members.export.csv')}
                </a>
              ),
            },
          ],
        }}
      >
        <Button icon={<DownOutlined />} aria-label={t('members.export.more')} />
      </Dropdown>
    </Space.Compact>
  );
}
