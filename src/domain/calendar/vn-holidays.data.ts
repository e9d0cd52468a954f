import type { HolidayYear } from './holiday-types.js';

// Public holidays of Việt Nam for offices of the political system, 2020–2030: the weekdays each
// holiday closes offices (the holiday, days in lieu, bridging days) and the Saturdays worked in
// exchange. Weekends are off anyway and are not listed. This is the default of the working-day
// calendar; administrators will replace it at runtime (calendarFromYears takes any such list).
//
// Law: Bộ luật Lao động 2012 Điều 115 for 2020 (2/9 was then one day); Bộ luật Lao động 2019
// Điều 112 from 2021 (2/9 plus one adjacent day); days in lieu: BLLĐ 2019 Điều 111(3).
// Tết and Giỗ Tổ dates: lunar-dates.data.ts.
//
// Review: the `announced` periods were checked (2026-02) against press reports of each year's
// government decision, cited per period. `computed` periods (2027–2030) are the statutory rule
// (statutory-holidays.ts) and must be replaced by each year's decision when it is published.

const LC2012 = 'BLLĐ 2012 Điều 115: weekday holiday';
const LC2019 = 'BLLĐ 2019 Điều 112: weekday holiday';
const IN_LIEU = 'BLLĐ 2019 Điều 111(3): day in lieu on the next working day';
const COMPUTED = 'BLLĐ 2019 Điều 111(3), 112 applied by statutoryYear; no announcement checked';

export const VN_HOLIDAY_YEARS: readonly HolidayYear[] = [
  {
    year: 2020,
    verification: 'verified',
    periods: [
      { name: 'new_year', daysOff: ['2020-01-01'], basis: 'statutory', source: LC2012 },
      {
        name: 'tet',
        daysOff: ['2020-01-23', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29'],
        basis: 'announced',
        source: 'Bộ LĐ-TB&XH notice: 23/01–29/01/2020 (reported socongthuong.daklak.gov.vn, 07/01/2020)',
      },
      { name: 'hung_kings', daysOff: ['2020-04-02'], basis: 'statutory', source: LC2012 },
      { name: 'reunification', daysOff: ['2020-04-30'], basis: 'statutory', source: LC2012 },
      { name: 'labour_day', daysOff: ['2020-05-01'], basis: 'statutory', source: LC2012 },
      { name: 'national_day', daysOff: ['2020-09-02'], basis: 'statutory', source: `${LC2012} (one day only before 2021)` },
    ],
  },
  {
    year: 2021,
    verification: 'verified',
    periods: [
      { name: 'new_year', daysOff: ['2021-01-01'], basis: 'statutory', source: LC2019 },
      {
        name: 'tet',
        daysOff: ['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16'],
        basis: 'announced',
        source: 'Government decision: 10/02–16/02/2021 (reported hanoimoi.vn, vietnamnet.vn)',
      },
      { name: 'hung_kings', daysOff: ['2021-04-21'], basis: 'statutory', source: LC2019 },
      { name: 'reunification', daysOff: ['2021-04-30'], basis: 'statutory', source: LC2019 },
      { name: 'labour_day', daysOff: ['2021-05-03'], basis: 'statutory', source: `${IN_LIEU} (1/5 was a Saturday)` },
      {
        name: 'national_day',
        daysOff: ['2021-09-02', '2021-09-03'],
        basis: 'announced',
        source: 'Government decision: 02/09–05/09/2021 (reported hanoimoi.vn)',
      },
    ],
  },
  {
    year: 2022,
    verification: 'verified',
    periods: [
      { name: 'new_year', daysOff: ['2022-01-03'], basis: 'statutory', source: `${IN_LIEU} (1/1 was a Saturday)` },
      {
        name: 'tet',
        daysOff: ['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04'],
        basis: 'announced',
        source: 'Government decision: 29/01–06/02/2022 (reported wikihoc.com, vnconsulate-fukuoka.org)',
      },
      { name: 'hung_kings', daysOff: ['2022-04-11'], basis: 'statutory', source: `${IN_LIEU} (10/3 lunar was a Sunday)` },
      { name: 'reunification', daysOff: ['2022-05-02'], basis: 'statutory', source: `${IN_LIEU} (30/4 was a Saturday)` },
      { name: 'labour_day', daysOff: ['2022-05-03'], basis: 'statutory', source: `${IN_LIEU} (1/5 was a Sunday)` },
      {
        name: 'national_day',
        daysOff: ['2022-09-01', '2022-09-02'],
        basis: 'announced',
        source: 'Government decision: 01/09–04/09/2022 (reported vnconsulate-fukuoka.org)',
      },
    ],
  },
  {
    year: 2023,
    verification: 'verified',
    periods: [
      { name: 'new_year', daysOff: ['2023-01-02'], basis: 'statutory', source: `${IN_LIEU} (1/1 was a Sunday)` },
      {
        name: 'tet',
        daysOff: ['2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26'],
        basis: 'announced',
        source: 'CV 8056/VPCP-KGVX (01/12/2022): 20/01–26/01/2023',
      },
      // Giỗ Tổ (Sat 29/4) and 30/4 (Sun) fell on the weekend before 1/5: break 29/4–3/5.
      { name: 'hung_kings', daysOff: ['2023-05-02'], basis: 'statutory', source: `${IN_LIEU} (10/3 lunar was a Saturday)` },
      { name: 'reunification', daysOff: ['2023-05-03'], basis: 'statutory', source: `${IN_LIEU} (30/4 was a Sunday)` },
      { name: 'labour_day', daysOff: ['2023-05-01'], basis: 'statutory', source: LC2019 },
      {
        name: 'national_day',
        daysOff: ['2023-09-01', '2023-09-04'],
        basis: 'announced',
        source: 'CV 8056/VPCP-KGVX (01/12/2022): 01/09–04/09/2023',
      },
    ],
  },
  {
    year: 2024,
    verification: 'verified',
    periods: [
      { name: 'new_year', daysOff: ['2024-01-01'], basis: 'statutory', source: LC2019 },
      {
        name: 'tet',
        daysOff: ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14'],
        basis: 'announced',
        source: 'Bộ LĐ-TB&XH notice: 08/02–14/02/2024 (reported sucsongtre.vn)',
      },
      { name: 'hung_kings', daysOff: ['2024-04-18'], basis: 'statutory', source: LC2019 },
      {
        name: 'reunification',
        daysOff: ['2024-04-29', '2024-04-30'],
        makeUpDays: ['2024-05-04'],
        basis: 'announced',
        source: 'Prime Minister: break 27/04–01/05/2024, Mon 29/04 worked on Sat 04/05',
      },
      { name: 'labour_day', daysOff: ['2024-05-01'], basis: 'statutory', source: LC2019 },
      {
        name: 'national_day',
        daysOff: ['2024-09-02', '2024-09-03'],
        basis: 'announced',
        source: 'Bộ LĐ-TB&XH notice: 31/08–03/09/2024 (reported btv.org.vn, sucsongtre.vn)',
      },
    ],
  },
  {
    year: 2025,
    verification: 'verified',
    periods: [
      { name: 'new_year', daysOff: ['2025-01-01'], basis: 'statutory', source: LC2019 },
      {
        name: 'tet',
        daysOff: ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
        basis: 'announced',
        source: 'Government decision: 25/01–02/02/2025, no exchanged day (reported tet-amlich.com, licham.prices.vn)',
      },
      { name: 'hung_kings', daysOff: ['2025-04-07'], basis: 'statutory', source: LC2019 },
      { name: 'reunification', daysOff: ['2025-04-30'], basis: 'statutory', source: LC2019 },
      {
        name: 'labour_day',
        daysOff: ['2025-05-01', '2025-05-02'],
        makeUpDays: ['2025-04-26'],
        basis: 'announced',
        source: 'Government decision: 30/04–04/05/2025, Fri 02/05 worked on Sat 26/04 (reported tet-amlich.com)',
      },
      {
        name: 'national_day',
        daysOff: ['2025-09-01', '2025-09-02'],
        basis: 'announced',
        source: 'Government decision: 30/08–02/09/2025 (reported tet-amlich.com)',
      },
    ],
  },
  {
    year: 2026,
    verification: 'verified',
    periods: [
      {
        name: 'new_year',
        daysOff: ['2026-01-01', '2026-01-02'],
        makeUpDays: ['2026-01-10'],
        basis: 'announced',
        source: 'CV 12729/VPCP-KGVX (25/12/2025): 01/01–04/01/2026, Fri 02/01 worked on Sat 10/01',
      },
      {
        name: 'tet',
        daysOff: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
        basis: 'announced',
        source: 'Prime Minister via VPCP (10/2025): 14/02–22/02/2026 (reported kienthuc.net.vn, congan.com.vn)',
      },
      { name: 'hung_kings', daysOff: ['2026-04-27'], basis: 'statutory', source: `${IN_LIEU} (10/3 lunar is a Sunday)` },
      { name: 'reunification', daysOff: ['2026-04-30'], basis: 'statutory', source: LC2019 },
      { name: 'labour_day', daysOff: ['2026-05-01'], basis: 'statutory', source: LC2019 },
      {
        name: 'national_day',
        daysOff: ['2026-08-31', '2026-09-01', '2026-09-02'],
        makeUpDays: ['2026-08-22'],
        basis: 'announced',
        source: 'Prime Minister via VPCP (10/2025): 29/08–02/09/2026, Mon 31/08 worked on Sat 22/08 (reported kienthuc.net.vn)',
      },
    ],
  },
  {
    year: 2027,
    verification: 'computed-not-verified',
    periods: [
      { name: 'new_year', daysOff: ['2027-01-01'], basis: 'computed', source: COMPUTED },
      { name: 'tet', daysOff: ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'], basis: 'computed', source: COMPUTED },
      { name: 'hung_kings', daysOff: ['2027-04-16'], basis: 'computed', source: COMPUTED },
      { name: 'reunification', daysOff: ['2027-04-30'], basis: 'computed', source: COMPUTED },
      { name: 'labour_day', daysOff: ['2027-05-03'], basis: 'computed', source: COMPUTED },
      { name: 'national_day', daysOff: ['2027-09-02', '2027-09-03'], basis: 'computed', source: COMPUTED },
    ],
  },
  {
    year: 2028,
    verification: 'computed-not-verified',
    periods: [
      { name: 'new_year', daysOff: ['2028-01-03'], basis: 'computed', source: COMPUTED },
      { name: 'tet', daysOff: ['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', '2028-01-31'], basis: 'computed', source: COMPUTED },
      { name: 'hung_kings', daysOff: ['2028-04-04'], basis: 'computed', source: COMPUTED },
      { name: 'reunification', daysOff: ['2028-05-02'], basis: 'computed', source: COMPUTED },
      { name: 'labour_day', daysOff: ['2028-05-01'], basis: 'computed', source: COMPUTED },
      { name: 'national_day', daysOff: ['2028-09-01', '2028-09-04'], basis: 'computed', source: COMPUTED },
    ],
  },
  {
    year: 2029,
    verification: 'computed-not-verified',
    periods: [
      { name: 'new_year', daysOff: ['2029-01-01'], basis: 'computed', source: COMPUTED },
      { name: 'tet', daysOff: ['2029-02-12', '2029-02-13', '2029-02-14', '2029-02-15', '2029-02-16'], basis: 'computed', source: COMPUTED },
      { name: 'hung_kings', daysOff: ['2029-04-23'], basis: 'computed', source: COMPUTED },
      { name: 'reunification', daysOff: ['2029-04-30'], basis: 'computed', source: COMPUTED },
      { name: 'labour_day', daysOff: ['2029-05-01'], basis: 'computed', source: COMPUTED },
      { name: 'national_day', daysOff: ['2029-09-03', '2029-09-04'], basis: 'computed', source: COMPUTED },
    ],
  },
  {
    year: 2030,
    verification: 'computed-not-verified',
    periods: [
      { name: 'new_year', daysOff: ['2030-01-01'], basis: 'computed', source: COMPUTED },
      { name: 'tet', daysOff: ['2030-02-01', '2030-02-04', '2030-02-05', '2030-02-06', '2030-02-07'], basis: 'computed', source: COMPUTED },
      { name: 'hung_kings', daysOff: ['2030-04-12'], basis: 'computed', source: COMPUTED },
      { name: 'reunification', daysOff: ['2030-04-30'], basis: 'computed', source: COMPUTED },
      { name: 'labour_day', daysOff: ['2030-05-01'], basis: 'computed', source: COMPUTED },
      { name: 'national_day', daysOff: ['2030-09-02', '2030-09-03'], basis: 'computed', source: COMPUTED },
    ],
  },
];
