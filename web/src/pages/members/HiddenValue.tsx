import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** A sensitive field this user may not see: the server sent null; we say it is hidden, not empty. */
export function HiddenValue() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('member.hiddenWhy')}>
      <span className="field-hidden" tabIndex={0}>
        {t('member.hidden')}
      </span>
    </Tooltip>
  );
}
