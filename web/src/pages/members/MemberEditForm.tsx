import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Form, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { memberApi, memberKeys } from '../../api/members.js';
import type { MemberRecord, PatchMemberInput } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { StaleAlert } from '../../components/StaleAlert.js';
import { EDITABLE_FIELDS, SECTIONS, sectionOf, type SectionKey } from './form-layout.js';
import { FieldInput } from './FieldInput.js';
import { HiddenValue } from './HiddenValue.js';
import { useFieldText } from './useFieldText.js';

type Values = Record<string, string | null | undefined>;

/**
 * Editing the record. The server is the judge of every field (same rules, same messages): its
 * refusals land under the fields they name. A record changed by someone else since it was
 * opened is refused with 409; the user reloads it rather than overwrite the other change.
 */
export function MemberEditForm({ record, onClose }: { record: MemberRecord; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const text = useFieldText();
  const [form] = Form.useForm<Values>();
  const [tab, setTab] = useState<SectionKey>('personal');
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const hidden = (name: string) => record.redactedFields.includes(name);

  const save = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const changes: Record<string, string | null> = {};
      for (const name of EDITABLE_FIELDS) {
        if (hidden(name)) continue;
        const raw = values[name];
        const v = typeof raw === 'string' ? raw.trim() || null : (raw ?? null);
        if (v !== (record[name] ?? null)) changes[name] = v;
      }
      if (Object.keys(changes).length === 0) return onClose();
      const updated = await memberApi.update(record.id, { ...changes, version: record.version } as PatchMemberInput);
      queryClient.setQueryData(memberKeys.record(record.id), updated);
      await queryClient.invalidateQueries({ queryKey: memberKeys.history(record.id) });
      await queryClient.invalidateQueries({ queryKey: ['members', 'list'] });
      message.success(t('member.saved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'STALE_VERSION') setStale(true);
      else if (e instanceof ApiError && e.fieldMessages().some((f) => sectionOf(f.field))) {
        const fields = e.fieldMessages().filter((f) => sectionOf(f.field));
        form.setFields(fields.map((f) => ({ name: f.field, errors: [f.message] })));
        setTab(sectionOf(fields[0]!.field)!);
        setError(e);
      } else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ queryKey: memberKeys.record(record.id), queryFn: () => memberApi.record(record.id), staleTime: 0 });
    form.setFieldsValue(initialValues(fresh));
    setStale(false);
    setError(null);
  };

  const section = (key: SectionKey) => (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 18rem), 1fr))', columnGap: '1rem' }}>
      {SECTIONS[key].map((def) =>
        def.readOnly || hidden(def.name) ? (
          <Descriptions key={def.name} size="small" column={1} style={{ marginBottom: '1rem' }}>
            <Descriptions.Item label={t(`member.fields.${def.name}`)}>{hidden(def.name) ? <HiddenValue /> : text(def, record[def.name])}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Form.Item key={def.name} name={def.name} label={t(`member.fields.${def.name}`)} rules={def.required ? [{ required: true, message: t('common.required') }] : undefined}>
            <FieldInput def={def} current={record[def.name]} />
          </Form.Item>
        ),
      )}
    </div>
  );

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initialValues(record)} onFinish={save} requiredMark="optional" scrollToFirstError>
      {stale && <StaleAlert title={t('member.stale')} help={t('member.staleHelp')} reloadLabel={t('member.reload')} onReload={() => void reload()} />}
      {error ? (
        <div style={{ marginBottom: '1rem' }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as SectionKey)}
        items={(['personal', 'party', 'education'] as const).map((k) => ({ key: k, label: t(`member.tabs.${k}`), children: section(k), forceRender: true }))}
      />
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} disabled={stale}>
          {t('common.save')}
        </Button>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

function initialValues(r: MemberRecord): Values {
  return Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, (r[f] as string | null) ?? undefined]));
}
