import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover } from 'antd';
import { useTranslation } from 'react-i18next';
import { MEMBER_COLUMNS, type MemberColumn } from './columns.js';

/** Which columns the list shows; the name always stays, so a row can be opened. */
export function ColumnChooser({ value, onChange }: { value: MemberColumn[]; onChange(cols: MemberColumn[]): void }) {
  const { t } = useTranslation();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      content={
        <Checkbox.Group
          aria-label={t('members.columns')}
          value={value}
          onChange={(v) => onChange(MEMBER_COLUMNS.filter((c) => c === 'fullName' || v.includes(c)))}
          style={{ display: 'flex', flexDirection: 'column', gap: '0.25rem' }}
          options={MEMBER_COLUMNS.map((c) => ({ value: c, label: t(`member.fields.${c}`), disabled: c === 'fullName' }))}
        />
      }
    >
      <Button icon={<SettingOutlined />}>{t('members.columns')}</Button>
    </Popover>
  );
}
