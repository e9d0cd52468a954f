import dayjs from 'dayjs';

// Dates travel as YYYY-MM-DD and are read as dd/mm/yyyy, the way every Vietnamese form writes them.
export const DATE_FORMAT = 'DD/MM/YYYY';

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso.slice(0, 10));
  return d.isValid() ? d.format(DATE_FORMAT) : iso;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format(`${DATE_FORMAT} HH:mm`) : iso;
}

export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** The org id a grant's subtree path ends at ("/1/23/" → 23), or null for the whole tree "/". */
export function orgIdOfPath(path: string): number | null {
  const parts = path.split('/').filter(Boolean);
  const last = parts[parts.length - 1];
  return last ? Number(last) : null;
}
