import { useTranslation } from 'react-i18next';
import type { MemberRecord } from '../../api/types.js';
import { formatDate } from '../../lib/format.js';
import type { FieldDef } from './form-layout.js';

/** A field's value as read on the page: dates as dd/mm/yyyy, codes by their names. */
export function useFieldText() {
  const { t } = useTranslation();
  return (def: FieldDef, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '';
    const v = String(value);
    switch (def.kind) {
      case 'date':
        return formatDate(v);
      case 'sex':
        return t(`member.sex.${v as 'male'}`, { defaultValue: v });
      case 'theoryLevel':
        return t(`member.theoryLevels.${v as 'none'}`, { defaultValue: v });
      case 'professionalLevel':
        return t(`member.professionalLevels.${v as 'none'}`, { defaultValue: v });
      case 'ethnicity':
        return t(`member.ethnicities.${v as 'kinh'}`, { defaultValue: v });
      case 'religion':
        return t(`member.religions.${v as 'none'}`, { defaultValue: v });
      default:
        return def.name === 'status' ? t(`member.statuses.${v as 'official'}`, { defaultValue: v }) : v;
    }
  };
}

export type RecordValue = MemberRecord[keyof MemberRecord];
