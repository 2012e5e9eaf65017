/**
 * Date and time forms that postmortems in the seeds' template write and chrono-node does not
 * read on its own, added to chrono as parsers so the rest of the reading stays chrono's:
 * "03, 14, 2024" (month, day and year between commas) and 24-hour ranges without a colon
 * ("0900–1300 PST", "2100-2230 hrs"). Each result is tagged so the importer knows the clock
 * or the date came from one of these forms.
 */
import * as chrono from 'chrono-node';

export const MILITARY_TAG = 'kb/24h-without-colon';
export const COMMA_DATE_TAG = 'kb/comma-date';

/** "03, 14, 2024": month-first, unless the first number can only be a day. */
const commaDate: chrono.Parser = {
  pattern: () => /\b(\d{1,2}),\s*(\d{1,2}),\s*((?:19|20)\d{2})\b/,
  extract: (context, match) => {
    const first = Number(match[1]);
    const second = Number(match[2]);
    const [month, day] = first > 12 ? [second, first] : [first, second];
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return context.createParsingComponents({ year: Number(match[3]), month, day }).addTag(COMMA_DATE_TAG);
  },
};

/**
 * "0900–1300 PST": two four-digit clock times joined by a dash, followed by a zone or "hrs" so
 * that a span of years ("2019-2020") is never read as one.
 */
const militaryRange: chrono.Parser = {
  pattern: () =>
    /\b([01]\d|2[0-3])([0-5]\d)\s*[-–—]\s*([01]\d|2[0-3])([0-5]\d)(?=\s*(?:hrs\b|hours\b|\(?[A-Z]{2,5}\b))/,
  extract: (context, match) => {
    const start = context.createParsingComponents({ hour: Number(match[1]), minute: Number(match[2]) });
    const end = context.createParsingComponents({ hour: Number(match[3]), minute: Number(match[4]) });
    const result = context.createParsingResult(match.index!, match[0], start, end);
    result.start.addTag(MILITARY_TAG);
    result.end?.addTag(MILITARY_TAG);
    return result;
  },
};

/**
 * "from 2025-02-10 through 2025-04-01": chrono reads "10 through 2025-04" as a range of clock
 * times (20:25 at offset -04) that swallows both dates. A result that begins inside a
 * year-first date ("2025-02-|10") is never what the author wrote; dropping it before overlaps are settled lets
 * the dates be read.
 */
const insideNumber: chrono.Refiner = {
  refine: (context, results) =>
    results.filter((result) => !/\d{4}([-/])\d{1,2}\1$/.test(context.text.slice(0, result.index))),
};

function withForms(base: chrono.Chrono): chrono.Chrono {
  const custom = base.clone();
  custom.parsers.push(commaDate, militaryRange);
  custom.refiners.unshift(insideNumber);
  return custom;
}

/** chrono's English readers, month-first and day-first, with the forms above. */
export const englishMonthFirst = withForms(chrono.en.casual);
export const englishDayFirst = withForms(chrono.en.GB);

/**
 * Words between two times that make the second the end of a range: "starting at 08:30 AM and
 * ending at 10:15 AM", "started at 13:35 EST and ended at 14:02 EST", "from 9:35 PM until 10:46 PM".
 */
const END_WORDS = /\b(?:end(?:s|ed|ing)?|until|till|through|thru|finish(?:ed|ing)?|lasted\s+until)\b/i;

/** Whether `gap`, the text between two times, says the second ends what the first began. */
export function gapEndsRange(gap: string): boolean {
  return gap.length <= 40 && !gap.includes('\n') && END_WORDS.test(gap);
}
