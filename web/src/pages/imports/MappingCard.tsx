import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS } from '../../../../src/domain/import/columns.js';
import { ORG_IMPORT_FIELDS, TARGET_IMPORT_FIELDS } from '../../../../src/domain/import/kind-columns.js';
import { importApi, importKeys, type ImportField, type ImportJob } from '../../api/imports.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

type Column = NonNullable<ImportJob['layout']>['columns'][number];

/**
 * The mapping screen: each column of the file's header, the field it was matched to (changeable)
 * and its first values; the changed mapping is applied (the dry run runs again) or saved as a
 * named template for the next files of the same layout.
 */
export function MappingCard({ job, disabled }: { job: ImportJob; disabled: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const layout = job.layout!;
  const [chosen, setChosen] = useState<Record<number, ImportField | null>>({});
  const [templateName, setTemplateName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldOf = (c: Column) => (c.index in chosen ? chosen[c.index]! : c.field);
  const changed = layout.columns.some((c) => c.index in chosen && chosen[c.index] !== c.field);
  const columns = layout.columns.filter((c) => c.header !== '');
  // Each kind of file offers its own fields (issue 6 item 6).
  const fields = job.kind === 'orgs' ? ORG_IMPORT_FIELDS.map((f) => ({ value: f, label: t(`imports.orgFields.${f}`) })) : job.kind === 'targets' ? TARGET_IMPORT_FIELDS.map((f) => ({ value: f, label: t(`imports.targetFields.${f}`) })) : IMPORT_FIELDS.map((f) => ({ value: f, label: t(`imports.fields.${f}`) }));
  const options = [{ value: '', label: t('imports.mapping.ignored') }, ...fields];

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await importApi.remap(job.id, { columns: layout.columns.map((c) => ({ index: c.index, field: fieldOf(c) })) });
      setChosen({});
      queryClient.setQueryData(importKeys.job(job.id), next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const mapping = Object.fromEntries(columns.map((c) => [c.header, fieldOf(c)]));
      const saved = await importApi.saveTemplate({ name: templateName.trim(), orgId: job.orgId, kind: job.kind, mapping });
      void queryClient.invalidateQueries({ queryKey: importKeys.templates });
      void message.success(t('imports.templateSaved', { name: saved.name }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.2rem' }}>{t('imports.mappingTitle')}</h2>}>
      <Typography.Paragraph>{t('imports.mappingHelp', { row: layout.headerRow })}</Typography.Paragraph>
      <Table<Column>
        rowKey="index"
        size="small"
        dataSource={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'header', title: t('imports.mapping.header'), render: (_, c) => <div style={{ maxWidth: '10rem', whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{c.header}</div> },
          {
            key: 'field',
            title: t('imports.mapping.field'),
            render: (_, c) => (
              <Select
                aria-label={t('imports.mapping.fieldOf', { header: c.header })}
                value={fieldOf(c) ?? ''}
                disabled={disabled}
                onChange={(v: string) => setChosen((m) => ({ ...m, [c.index]: v === '' ? null : (v as ImportField) }))}
                options={options}
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: '13rem' }}
                data-column={c.index}
              />
            ),
          },
          {
            key: 'sample',
            title: t('imports.mapping.sample'),
            render: (_, c) => {
              const at = layout.columns.indexOf(c);
              const values = job.preview.map((r) => r[at] ?? '').filter((v) => v !== '').slice(0, 3);
              return <div style={{ minWidth: '8rem', maxWidth: '18rem', whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{values.join(' · ')}</div>;
            },
          },
        ]}
      />
      {error ? <ErrorAlert error={error} /> : null}
      <Space wrap style={{ marginTop: '1rem' }}>
        <Button type="primary" onClick={() => void apply()} disabled={!changed || disabled} loading={busy}>
          {t('imports.applyMapping')}
        </Button>
        <Space.Compact>
          <Input aria-label={t('imports.templateName')} placeholder={t('imports.templateName')} value={templateName} onChange={(e) => setTemplateName(e.target.value)} maxLength={100} style={{ width: '12rem' }} />
          <Button onClick={() => void save()} disabled={templateName.trim() === '' || busy}>
            {t('imports.saveTemplate')}
          </Button>
        </Space.Compact>
      </Space>
    </Card>
  );
}
