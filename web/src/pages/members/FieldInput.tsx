import { Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.js';
import { CHOICES, type FieldDef } from './form-layout.js';
import { useFieldText } from './useFieldText.js';

/**
 * The input of one field of the member form, as Form.Item drives it (value, onChange). A current
 * value outside today's list of choices (an old spelling) stays selectable.
 */
export function FieldInput({ def, current, ...control }: { def: FieldDef; current: unknown; value?: unknown; onChange?: (v: unknown) => void }) {
  const { t } = useTranslation();
  const text = useFieldText();
  const label = t(`member.fields.${def.name}`);
  if (def.kind === 'date') return <DateField aria-label={label} noFuture {...(control as object)} />;
  const choices = CHOICES[def.kind];
  if (choices) {
    const all = typeof current === 'string' && !choices.includes(current) ? [...choices, current] : choices;
    return <Select aria-label={label} allowClear={!def.required} showSearch={{ optionFilterProp: 'label' }} options={all.map((c) => ({ value: c, label: text(def, c) }))} {...(control as object)} />;
  }
  return <Input maxLength={def.max} {...(control as object)} />;
}
