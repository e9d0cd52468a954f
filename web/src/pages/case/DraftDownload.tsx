import { FileWordOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * "Tải dự thảo (.docx)": the Word draft of the case's document (decision or transfer letter),
 * built by the server from the case. A plain link, so the browser saves the file itself; when the
 * case cannot have its draft yet, the button is disabled and the reason is written beside it.
 */
export function DraftDownload({ url, notReady }: { url: string; notReady?: string | null }) {
  const { t } = useTranslation();
  if (notReady) {
    return (
      <Space wrap>
        <Button icon={<FileWordOutlined />} disabled>
          {t('documents.download')}
        </Button>
        <span>{notReady}</span>
      </Space>
    );
  }
  return (
    <Tooltip title={t('documents.hint')}>
      <Button icon={<FileWordOutlined />} href={url} download>
        {t('documents.download')}
      </Button>
    </Tooltip>
  );
}
