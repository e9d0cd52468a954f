// Shapes of the public-holiday data behind the working-day calendar. Administrators will edit
// this data later (issue 5 item 1), so it is plain data, checked by the tests, never code paths.

export const HOLIDAY_NAMES = ['new_year', 'tet', 'hung_kings', 'reunification', 'labour_day', 'national_day'] as const;
export type HolidayName = (typeof HOLIDAY_NAMES)[number];

/**
 * How a period's days were established:
 * - `announced`: the government's announced break for civil servants, checked against a report of it;
 * - `statutory`: follows from the Labour Code alone (a weekday holiday, or the day in lieu of a
 *   weekend one on the next working day, art. 111(3)): there was nothing for the government to choose;
 * - `computed`: the government chooses these days and no announcement was checked; they are the
 *   statutory rule applied by `statutoryYear` and must be replaced when the decision is known.
 */
export type HolidayBasis = 'announced' | 'statutory' | 'computed';

export interface HolidayPeriod {
  readonly name: HolidayName;
  /** Weekdays (Mon–Fri) on which offices close: the holiday, days in lieu and bridging days. */
  readonly daysOff: readonly string[];
  /** Saturdays worked to make up for a bridging day (ngày làm bù). */
  readonly makeUpDays?: readonly string[];
  readonly basis: HolidayBasis;
  readonly source: string;
}

export interface HolidayYear {
  readonly year: number;
  /** `computed-not-verified` when any period of the year is `computed`. */
  readonly verification: 'verified' | 'computed-not-verified';
  readonly periods: readonly HolidayPeriod[];
}

/** The two lunar-calendar holidays of a year, as Gregorian dates in Việt Nam (UTC+7). */
export interface LunarHolidayDates {
  /** Mùng 1 Tết Nguyên Đán (1st day of the 1st lunar month). */
  readonly tet: string;
  /** Giỗ Tổ Hùng Vương (10th day of the 3rd lunar month). */
  readonly hungKings: string;
}
