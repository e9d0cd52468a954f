import dayjs from 'dayjs';

/**
 * Whole months from the admission date to today. An estimate: the official party age also
 * subtracts periods out of the Party, which the record does not hold yet — so it is shown as
 * "tạm tính".
 */
export function partyAgeMonths(admissionDate: string | null, today = dayjs()): number | null {
  if (!admissionDate) return null;
  const months = today.diff(dayjs(admissionDate), 'month');
  return months >= 0 ? months : null;
}
