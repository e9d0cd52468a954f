import { useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { fieldPath } from '../admission/parts.js';

/**
 * Recording the next step of a case (admission, recognition …), as every step form does it: the
 * server's refusals land under the fields they name, the rest (and list fields such as votes) in
 * the panel above; a 409 marks the case stale until it is reloaded.
 */
export function useStepSubmit<V, C>(o: {
  form: FormInstance<V>;
  /** The query key of the case and the prefix of its lists, refreshed after a step. */
  caseKey: readonly unknown[];
  listKey: readonly unknown[];
  send(values: V): Promise<C>;
  fetch(): Promise<C>;
  /** The fields the form shows, so that a refusal naming one goes under it. */
  formFields: readonly string[];
  /** Fields whose refusal also goes to the panel: lists whose items the message names. */
  panelFields: readonly string[];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);

  const save = async (v: V) => {
    setBusy(true);
    setError(null);
    try {
      queryClient.setQueryData(o.caseKey, await o.send(v));
      await queryClient.invalidateQueries({ queryKey: o.listKey });
      message.success(t('admission.case.stepSaved'));
      o.form.resetFields();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'STALE_VERSION') {
        setStale(true);
        return;
      }
      const fields = e instanceof ApiError ? e.fieldMessages() : [];
      const known = fields.filter((x) => o.formFields.includes(String(fieldPath(x.field)[0])));
      // The names come from the server, so they are not the form's typed paths.
      if (known.length > 0) o.form.setFields(known.map((x) => ({ name: fieldPath(x.field), errors: [x.message] })) as never);
      if (known.length < fields.length || fields.length === 0 || known.some((x) => o.panelFields.includes(String(fieldPath(x.field)[0])))) setError(e);
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    await queryClient.fetchQuery({ queryKey: o.caseKey, queryFn: o.fetch, staleTime: 0 });
    setStale(false);
    setError(null);
  };

  return { save, reload, error, stale, busy };
}
