import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, Modal, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { admissionApi, admissionKeys, type Candidate, type CreateCandidateInput } from '../../api/admission.js';
import { ApiError } from '../../api/client.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { OrgPicker } from '../../components/OrgPicker.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { useScope } from '../../shell/scope.js';
import { AdmissionHeader, fieldPath, OrgName } from './parts.js';

const PAGE_SIZE = 50;

/** The register of candidates (quần chúng ưu tú) in the current scope, and adding one. */
export default function CandidatesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const scope = useScope();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const q = { page, pageSize: PAGE_SIZE, org: scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined };
  const list = useQuery({ queryKey: admissionKeys.candidates(q), queryFn: ({ signal }) => admissionApi.candidates(q, signal) });
  const [adding, setAdding] = useState(false);
  const [opening, setOpening] = useState<Candidate | null>(null);
  const mayWrite = can('admission', 'create');

  return (
    <>
      <AdmissionHeader />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {mayWrite && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t('admission.addCandidate')}
          </Button>
        )}
        {list.error ? <ErrorAlert error={list.error} /> : null}
        <Table<Candidate>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setParams({ page: String(p) }) }}
          columns={[
            { key: 'name', title: t('admission.columns.candidate'), dataIndex: 'fullName' },
            { key: 'birth', title: t('admission.columns.birthDate'), render: (_, c) => formatDate(c.birthDate) },
            { key: 'sex', title: t('admission.columns.sex'), render: (_, c) => t(`member.sex.${c.sex}`) },
            { key: 'cid', title: t('admission.columns.citizenId'), dataIndex: 'citizenId' },
            { key: 'cell', title: t('admission.columns.cell'), render: (_, c) => <OrgName id={c.orgId} /> },
            { key: 'course', title: t('admission.columns.course'), render: (_, c) => formatDate(c.courseCertificateDate) },
            ...(mayWrite
              ? [{ key: 'actions', title: t('admission.columns.actions'), render: (_: unknown, c: Candidate) => <Button onClick={() => setOpening(c)}>{t('admission.openCase')}</Button> }]
              : []),
          ]}
        />
      </Space>
      {adding && <AddCandidateModal defaultOrg={scope.orgId} onClose={() => setAdding(false)} />}
      {opening && <OpenCaseModal candidate={opening} onClose={() => setOpening(null)} />}
    </>
  );
}

type CandidateValues = Omit<CreateCandidateInput, 'orgId'> & { orgId: number | null };

/** The server judges every field; its refusals are shown under the fields they name. */
function AddCandidateModal({ defaultOrg, onClose }: { defaultOrg: number | null; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CandidateValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const label = (k: keyof CandidateValues) => t(`admission.candidateFields.${k}`);

  const save = async (v: CandidateValues) => {
    setBusy(true);
    setError(null);
    try {
      await admissionApi.createCandidate({ ...v, orgId: v.orgId ?? 0, youthUnionMember: !!v.youthUnionMember, courseCertificateDate: v.courseCertificateDate || null });
      await queryClient.invalidateQueries({ queryKey: admissionKeys.all });
      message.success(t('admission.candidateAdded'));
      onClose();
    } catch (e) {
      const fields = e instanceof ApiError ? e.fieldMessages() : [];
      const known = fields.filter((f) => ['fullName', 'sex', 'birthDate', 'citizenId', 'orgId', 'courseCertificateDate'].includes(String(fieldPath(f.field)[0])));
      if (known.length > 0) form.setFields(known.map((f) => ({ name: fieldPath(f.field) as [keyof CandidateValues], errors: [f.message] })));
      if (known.length < fields.length || fields.length === 0) setError(e);
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal open title={t('admission.addCandidate')} onCancel={onClose} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      {error ? <ErrorAlert error={error} /> : null}
      <Form<CandidateValues> form={form} layout="vertical" onFinish={save} initialValues={{ orgId: defaultOrg, youthUnionMember: false }} requiredMark="optional">
        <Form.Item name="fullName" label={label('fullName')} rules={required}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="sex" label={label('sex')} rules={required}>
          <Select aria-label={label('sex')} options={(['male', 'female'] as const).map((s) => ({ value: s, label: t(`member.sex.${s}`) }))} />
        </Form.Item>
        <Form.Item name="birthDate" label={label('birthDate')} rules={required}>
          <DateField aria-label={label('birthDate')} noFuture />
        </Form.Item>
        <Form.Item name="citizenId" label={label('citizenId')} rules={required}>
          <Input inputMode="numeric" maxLength={16} />
        </Form.Item>
        <Form.Item name="orgId" label={label('orgId')} rules={required}>
          <OrgPicker aria-label={label('orgId')} />
        </Form.Item>
        <Form.Item name="youthUnionMember" valuePropName="checked">
          <Checkbox>{label('youthUnionMember')}</Checkbox>
        </Form.Item>
        <Form.Item name="courseCertificateDate" label={label('courseCertificateDate')}>
          <DateField aria-label={label('courseCertificateDate')} noFuture />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function OpenCaseModal({ candidate, onClose }: { candidate: Candidate; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [openedOn, setOpenedOn] = useState<string | null>(todayIso());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      const c = await admissionApi.open({ candidateId: candidate.id, openedOn: openedOn ?? '' });
      await queryClient.invalidateQueries({ queryKey: admissionKeys.all });
      message.success(t('admission.caseOpened'));
      void navigate(`/admission/cases/${c.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={`${t('admission.openCase')}: ${candidate.fullName}`} onCancel={onClose} onOk={() => void open()} okText={t('admission.openCase')} cancelText={t('common.cancel')} confirmLoading={busy}>
      {error ? <ErrorAlert error={error} /> : null}
      <Form layout="vertical">
        <Form.Item label={t('admission.openedOnLabel')} required>
          <DateField aria-label={t('admission.openedOnLabel')} value={openedOn} onChange={setOpenedOn} noFuture />
        </Form.Item>
      </Form>
    </Modal>
  );
}
