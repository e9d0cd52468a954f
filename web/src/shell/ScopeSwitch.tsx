import { useQueries } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { orgApi, orgKeys } from '../api/orgs.js';
import { orgIdOfPath } from '../lib/format.js';
import { useScope } from './scope.js';

/** Shows the current scope; a choice when the user holds several assignments. */
export function ScopeSwitch({ onDark }: { onDark?: boolean }) {
  const { t } = useTranslation();
  const { grants, current, select, orgName } = useScope();
  const names = useQueries({
    queries: grants.map((g) => {
      const id = orgIdOfPath(g.path);
      return { queryKey: orgKeys.details(id ?? 0), queryFn: () => orgApi.details(id!), enabled: id !== null && grants.length > 1 };
    }),
  });
  if (!current) return null;
  const label = (path: string, i: number) => (orgIdOfPath(path) === null ? t('scope.whole') : (names[i]?.data?.org.name ?? path));
  if (grants.length < 2) {
    const name = orgIdOfPath(current.path) === null ? t('scope.whole') : (orgName ?? '…');
    return (
      <Typography.Text style={{ color: onDark ? '#fff' : undefined }} ellipsis title={name}>
        {t('scope.label')}: {name}
      </Typography.Text>
    );
  }
  return (
    <Select
      aria-label={t('scope.label')}
      value={current.path}
      onChange={select}
      popupMatchSelectWidth={false}
      style={{ maxWidth: '18rem', minWidth: '10rem' }}
      options={grants.map((g, i) => ({ value: g.path, label: `${label(g.path, i)} · ${t(`roles.${g.role}`)}` }))}
    />
  );
}
