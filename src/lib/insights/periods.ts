/**
 * Periods for charts over time and for the year menus, readable at any span: a knowledge base
 * of last year's incidents is shown year by year, one that reaches back to 1628 by decade or
 * century, and a long run of years without any incident is one gap, not hundreds of empty bars.
 */

/** Widths tried, finest first, in years. */
export const PERIOD_WIDTHS = [1, 10, 100, 1000] as const;
/** Most periods with incidents a chart or menu shows. */
export const MAX_PERIODS = 30;

export interface Period {
  /** First and last year, inclusive. */
  from: number;
  to: number;
  label: string;
  /** True for a stretch without any incident, drawn as one empty bar. */
  gap: boolean;
}

const labelOf = (from: number, to: number, width: number) =>
  from === to ? String(from) : width === 1 || to !== from + width - 1 ? `${from}–${to}` : `${from}s`;

/**
 * The periods covering `years` (the start years of incidents, any order, repeats allowed):
 * the finest width that needs at most `max` periods with incidents, each run of empty periods
 * merged into one gap. Empty for no years.
 */
export function periodsOf(years: readonly number[], max = MAX_PERIODS): { width: number; periods: Period[] } {
  if (years.length === 0) return { width: 1, periods: [] };
  const distinct = (width: number) => [...new Set(years.map((year) => Math.floor(year / width)))].sort((a, b) => a - b);
  const width = PERIOD_WIDTHS.find((w) => distinct(w).length <= max) ?? PERIOD_WIDTHS.at(-1)!;
  const units = distinct(width);
  const periods: Period[] = [];
  units.forEach((unit, i) => {
    if (i > 0 && unit > units[i - 1] + 1) {
      const from = (units[i - 1] + 1) * width;
      const to = unit * width - 1;
      periods.push({ from, to, label: labelOf(from, to, 1), gap: true });
    }
    const from = unit * width;
    const to = from + width - 1;
    periods.push({ from, to, label: labelOf(from, to, width), gap: false });
  });
  return { width, periods };
}

/** Index of the period holding `year`, or -1. */
export function periodIndex(periods: readonly Period[], year: number): number {
  return periods.findIndex((period) => year >= period.from && year <= period.to);
}
