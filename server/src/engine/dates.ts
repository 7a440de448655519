/** Calendar dates as notes write them (YYYY-MM-DD). */

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Whether year, month (1–12) and day name a real calendar day (2026-02-30 does not). */
export function isCalendarDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** A real calendar date written as `YYYY-MM-DD` (surrounding spaces allowed). */
export function isIsoCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  return !!m && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}
