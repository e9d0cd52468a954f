import type { LunarHolidayDates } from './holiday-types.js';

// Tết Nguyên Đán and Giỗ Tổ Hùng Vương, 2020–2030, by the Vietnamese lunar calendar, which is
// reckoned at UTC+7 (China's is at UTC+8, so the two can differ when a new moon falls between
// 23:00 and 24:00 Hà Nội time).
//
// Review (2026-02, lifecycle-rules branch): each date was recomputed from the astronomical new
// moons (Meeus, Astronomical Algorithms ch. 49, full periodic terms) in UTC+7 and, for 2020–2026,
// matches the dates of the announced holiday breaks. Two dates are close to midnight:
// - 2027: the new moon is at 22:56 on 06/02 (UTC+7), so Tết is 06/02/2027 (some ICU builds say 07/02);
// - 2030: the new moon is at 23:07 on 02/02 (UTC+7) but 00:07 on 03/02 in UTC+8, so Tết in Việt Nam
//   is Saturday 02/02/2030, one day before the Chinese New Year (03/02). Confirm against the
//   official 2030 calendar (Viện Hàn lâm KH&CN) when it is published.
// 2023 has a leap 2nd month, which is why Giỗ Tổ falls late (29/04).
export const LUNAR_HOLIDAY_DATES: Readonly<Record<number, LunarHolidayDates>> = {
  2020: { tet: '2020-01-25', hungKings: '2020-04-02' },
  2021: { tet: '2021-02-12', hungKings: '2021-04-21' },
  2022: { tet: '2022-02-01', hungKings: '2022-04-10' },
  2023: { tet: '2023-01-22', hungKings: '2023-04-29' },
  2024: { tet: '2024-02-10', hungKings: '2024-04-18' },
  2025: { tet: '2025-01-29', hungKings: '2025-04-07' },
  2026: { tet: '2026-02-17', hungKings: '2026-04-26' },
  2027: { tet: '2027-02-06', hungKings: '2027-04-16' },
  2028: { tet: '2028-01-26', hungKings: '2028-04-04' },
  2029: { tet: '2029-02-13', hungKings: '2029-04-23' },
  2030: { tet: '2030-02-02', hungKings: '2030-04-12' },
};
