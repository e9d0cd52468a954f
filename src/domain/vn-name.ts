// Vietnamese name normalization, v1. The one place that decides how names compare, so that
// "nguyen van hung", "Nguyễn Văn Hùng" and "NGUYEN VAN HUNG" are the same search key.

/** NFD, strip combining marks, đ/Đ → d, lower case, collapse white space. */
export function normalizeName(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Sort key in the order Vietnamese lists use: by given name (the last word), then by the
 * whole name, so "Trần Văn An" comes before "Lê Thị Bình".
 */
export function nameSortKey(fullName: string): string {
  const norm = normalizeName(fullName);
  const given = norm.slice(norm.lastIndexOf(' ') + 1);
  return `${given} ${norm}`;
}

/** Search words of a query: normalized and stripped of anything but letters and digits. */
export function searchWords(query: string): string[] {
  return normalizeName(query)
    .split(' ')
    .map((w) => w.replace(/[^a-z0-9]/g, ''))
    .filter((w) => w.length > 0);
}

/** Full name as the member form prints it: each word capitalised, single spaces. */
export function tidyFullName(input: string): string {
  return input
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1).toLocaleLowerCase('vi'))
    .join(' ');
}
