import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DATE_FORMAT } from '../lib/format.js';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (iso: string | null) => void;
  disabled?: boolean;
  /** Dates after today make no sense for decisions and births. */
  noFuture?: boolean;
  'aria-label'?: string;
}

/** A date picker whose value is the API's YYYY-MM-DD string, shown and typed as dd/mm/yyyy. */
export function DateField({ value, onChange, noFuture, ...rest }: Props) {
  return (
    <DatePicker
      {...rest}
      format={DATE_FORMAT}
      style={{ width: '100%' }}
      value={value ? dayjs(value) : null}
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      disabledDate={noFuture ? (d) => d.isAfter(dayjs(), 'day') : undefined}
    />
  );
}
