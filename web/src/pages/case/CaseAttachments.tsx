import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, List, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentApi, attachmentKeys } from '../../api/attachments.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import type { DocumentKind } from '../../../../src/domain/admission/dossier-checklist.js';

interface StepRef {
  id: number;
  kind: string;
  date: string;
}

/**
 * The scanned papers of a case (issue 5 item 10): listed with a download link each, and, for who
 * may record steps, a form to attach a PDF, JPEG or PNG (up to 10 MB) to the case or one of its
 * steps. The server checks the type from the file's bytes and the size.
 */
export function CaseAttachments({
  base,
  steps,
  stepLabel,
  canUpload,
  documents = [],
  caseKey,
}: {
  base: string;
  steps: StepRef[];
  stepLabel: (kind: string) => string;
  canUpload: boolean;
  /** The dossier documents a scan may be tagged as (R-ADM-33, R-PROB-07); none: no tag. */
  documents?: readonly string[];
  /** The case's query, refreshed after an upload when its checklist depends on the scans. */
  caseKey?: readonly unknown[];
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: attachmentKeys.list(base), queryFn: ({ signal }) => attachmentApi.list(base, signal) });
  const [file, setFile] = useState<File | null>(null);
  const [stepId, setStepId] = useState<number | null>(null);
  const [document, setDocument] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const upload = useMutation({
    mutationFn: () => attachmentApi.upload(base, file!, stepId, document),
    onSuccess: async () => {
      setFile(null);
      setDocument(null);
      setInputKey((k) => k + 1);
      await qc.invalidateQueries({ queryKey: attachmentKeys.list(base) });
      if (caseKey) await qc.invalidateQueries({ queryKey: caseKey });
    },
  });
  const stepName = (id: number | null) => {
    const s = steps.find((x) => x.id === id);
    return s ? `${stepLabel(s.kind)} (${formatDate(s.date)})` : t('attachments.wholeCase');
  };
  const inputId = `attachment-file-${base.replace(/\W/g, '-')}`;

  return (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: '1.1rem' }}>{t('attachments.title')}</h2>}>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <List
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('attachments.none') }}
        renderItem={(a) => (
          <List.Item>
            <Space wrap>
              <PaperClipOutlined aria-hidden />
              <a href={attachmentApi.url(base, a.id)} download>
                {a.fileName}
              </a>
              <span>
                {a.document ? `${t(`admission.checklist.documents.${a.document as DocumentKind}`)} · ` : ''}
                {stepName(a.stepId)} · {Math.max(1, Math.round(a.bytes / 1024))} KB · {formatDateTime(a.uploadedAt)}
              </span>
            </Space>
          </List.Item>
        )}
      />
      {canUpload && (
        <Form layout="vertical" onFinish={() => file && upload.mutate()} style={{ maxWidth: '40rem', marginTop: '0.5rem' }}>
          <Form.Item label={t('attachments.step')} htmlFor={`${inputId}-step`}>
            <Select
              id={`${inputId}-step`}
              aria-label={t('attachments.step')}
              value={stepId ?? 0}
              onChange={(v: number) => setStepId(v === 0 ? null : v)}
              options={[{ value: 0, label: t('attachments.wholeCase') }, ...steps.map((s) => ({ value: s.id, label: stepName(s.id) }))]}
            />
          </Form.Item>
          {documents.length > 0 && (
            <Form.Item label={t('attachments.document')} htmlFor={`${inputId}-document`}>
              <Select
                id={`${inputId}-document`}
                aria-label={t('attachments.document')}
                value={document ?? ''}
                onChange={(v: string) => setDocument(v === '' ? null : v)}
                options={[{ value: '', label: t('attachments.noDocument') }, ...documents.map((d) => ({ value: d, label: t(`admission.checklist.documents.${d as DocumentKind}`) }))]}
              />
            </Form.Item>
          )}
          <Form.Item label={t('attachments.file')} htmlFor={inputId} extra={t('attachments.help')}>
            <input key={inputKey} id={inputId} type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" style={{ maxWidth: '100%' }} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </Form.Item>
          {upload.error ? <ErrorAlert error={upload.error} /> : null}
          <Button htmlType="submit" icon={<UploadOutlined aria-hidden />} loading={upload.isPending} disabled={!file}>
            {t('attachments.upload')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
