/**
 * The two compared periods in the page's URL (`?a=2012-2016&b=2021-2025`), so a comparison
 * can be shared and the back button returns to the one before. A period the link gives that
 * the menus cannot show is reported in words and the default is kept, never guessed at.
 */
import type { YearRange } from './comparison.ts';
import type { Period } from './periods.ts';

export const PERIOD_KEYS = ['a', 'b'] as const;
export type PeriodKey = (typeof PERIOD_KEYS)[number];

const NAMES: Record<PeriodKey, string> = { a: 'first', b: 'second' };

/** `2019` for one year, `2012-2016` for a range: what the URL carries. */
export const periodParam = (range: YearRange) =>
  range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;

export interface PeriodsFromUrl {
  /** The periods the URL gives that the menus can show. */
  ranges: Partial<Record<PeriodKey, YearRange>>;
  /** One sentence per period the URL gives that cannot be shown. */
  errors: string[];
}

const isYear = (text: string) => text.length > 0 && text.length <= 4 && [...text].every((c) => c >= '0' && c <= '9');

/**
 * Reads `a` and `b` from a URL's parameters. A period must be a year or two years joined by a
 * hyphen, start where one of the menu's periods starts and end where one ends.
 */
export function periodsFromUrl(params: URLSearchParams, periods: readonly Period[]): PeriodsFromUrl {
  const result: PeriodsFromUrl = { ranges: {}, errors: [] };
  const starts = new Set(periods.map((period) => period.from));
  const ends = new Set(periods.map((period) => period.to));
  const first = periods[0];
  const last = periods.at(-1);
  for (const key of PERIOD_KEYS) {
    const text = params.get(key);
    if (text === null) continue;
    const intro = `The link’s ${NAMES[key]} period, “${key}=${text}”,`;
    const parts = text.split('-');
    if (parts.length > 2 || !parts.every(isYear)) {
      result.errors.push(`${intro} is not a year or a range of years such as ${key}=2012-2016.`);
      continue;
    }
    const [from, to] = [Number(parts[0]), Number(parts.at(-1))];
    if (from > to) {
      result.errors.push(`${intro} starts after it ends; write the earlier year first.`);
      continue;
    }
    if (!starts.has(from) || !ends.has(to)) {
      const span =
        first && last ? ` The menus run from ${first.from} to ${last.to}` : ' There are no periods to compare';
      const unit = first && first.to > first.from ? ' in whole periods (decades or centuries on this site)' : '';
      result.errors.push(`${intro} is not one the menus offer.${span}${unit}.`);
      continue;
    }
    result.ranges[key] = { from, to };
  }
  return result;
}
