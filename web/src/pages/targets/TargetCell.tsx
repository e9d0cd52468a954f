import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { targetApi, targetKeys, type AchievementOrg } from '../../api/targets.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { StaleAlert } from '../../components/StaleAlert.js';

interface Props {
  org: AchievementOrg;
  year: number;
  canWrite: boolean;
}

/**
 * An org's own target: a number for readers, a field and a save button for who may set it. The
 * field starts again from the stored target whenever that changes (a save, a reload, another year).
 */
export function TargetCell(props: Props) {
  return <TargetEditor key={`${props.org.orgId}/${props.year}/${props.org.version ?? 0}`} {...props} />;
}

function TargetEditor({ org, year, canWrite }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [value, setValue] = useState<number | null>(org.ownTarget);
  const [stale, setStale] = useState(false);
  const save = useMutation({
    mutationFn: (target: number) => targetApi.set(org.orgId, year, { target, ...(org.version !== null ? { version: org.version } : {}) }),
    onSuccess: () => client.invalidateQueries({ queryKey: targetKeys.all }),
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'STALE_VERSION') setStale(true);
    },
  });

  if (!canWrite) return <span>{org.ownTarget ?? '—'}</span>;
  const changed = value !== null && value !== org.ownTarget;
  const label = t('targets.targetOf', { name: org.name });
  return (
    <Space orientation="vertical" size={4}>
      <Space.Compact>
        <InputNumber
          aria-label={label}
          min={0}
          max={10_000_000}
          precision={0}
          value={value}
          onChange={(v) => setValue(typeof v === 'number' ? v : null)}
          onPressEnter={() => changed && save.mutate(value)}
          style={{ width: '5.5rem' }}
        />
        <Button type={changed ? 'primary' : 'default'} disabled={!changed} loading={save.isPending} onClick={() => value !== null && save.mutate(value)} aria-label={t('targets.saveOf', { name: org.name })}>
          {t('targets.save')}
        </Button>
      </Space.Compact>
      {stale ? (
        <StaleAlert
          title={t('targets.stale')}
          help={t('targets.staleHelp')}
          reloadLabel={t('targets.reload')}
          onReload={() => {
            setStale(false);
            save.reset();
            void client.invalidateQueries({ queryKey: targetKeys.all });
          }}
        />
      ) : save.error ? (
        <ErrorAlert error={save.error} />
      ) : null}
    </Space>
  );
}
