import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Card, List, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AdmissionCase } from '../../api/admission.js';

/**
 * The documents of a dossier (R-ADM-33 admission, R-PROB-07 recognition) with ✓ or "missing": the
 * server decides each line from the recorded steps and the scans tagged with the document.
 */
export function DossierChecklist({ items, title, stepLabel }: { items: AdmissionCase['checklist']; title: string; stepLabel: (kind: string) => string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: '1.1rem' }}>{title}</h2>}>
      <List
        dataSource={items}
        renderItem={(i) => (
          <List.Item>
            <Space wrap>
              {i.present ? <CheckCircleFilled aria-hidden style={{ color: '#237804' }} /> : <ExclamationCircleFilled aria-hidden style={{ color: i.required ? '#ad4e00' : '#8c8c8c' }} />}
              <span>
                {t(`admission.checklist.documents.${i.document}`)} ({i.form})
              </span>
              {i.present ? <Tag className="tag-done">{t('admission.checklist.present')}</Tag> : i.required ? <Tag className="tag-soon">{t('admission.checklist.missing')}</Tag> : <Tag>{t('admission.checklist.optional')}</Tag>}
              {i.stepRecorded && i.step && <span>{t('admission.checklist.byStep', { step: stepLabel(i.step) })}</span>}
              {i.attachmentIds.length > 0 && <span>{t('admission.checklist.byScan', { n: i.attachmentIds.length })}</span>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
