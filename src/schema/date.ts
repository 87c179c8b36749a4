/**
 * Dates as documents write them: "Hà Nội, ngày 29 tháng 11 năm 2024", an
 * English dateline, a day typed into a form.
 */

/** An ISO date (YYYY-MM-DD) when year, month and day make a real calendar day. */
export function isoDateOf(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/**
 * A day as people in Vietnam (and Britain) type it, "14/08/1997" or "14-8-1997",
 * or as ISO "1997-08-14": the ISO date, or undefined when it is no real day.
 */
export function dayFromInput(text: string): string | undefined {
  const value = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return isoDateOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (dayFirst) return isoDateOf(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return undefined;
}

const VIETNAMESE_DATE = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;

/** The first Vietnamese-style date in the text, as an ISO date. */
export function findVietnameseDate(text: string): string | undefined {
  const match = VIETNAMESE_DATE.exec(text.normalize('NFC'));
  if (!match) return undefined;
  return isoDateOf(Number(match[3]), Number(match[2]), Number(match[1]));
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH = `(${MONTHS.join('|')})`;
/** "Place, date" on a line of its own: ISO, "7 February 2015" or "February 7, 2015". */
const DATELINE = new RegExp(
  `^[\\p{L}][\\p{L}\\p{M} .'-]*,\\s+(?:(\\d{4})-(\\d{2})-(\\d{2})|(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})|${MONTH}\\s+(\\d{1,2}),\\s*(\\d{4}))$`,
  'iu',
);

/**
 * The date of the first dateline among a header's lines, as English (and
 * Hindi) documents write it: "Hanoi, 2015-02-07", "New Delhi, 7 February
 * 2015", "नई दिल्ली, 2015-02-07". A date inside a sentence is not a dateline.
 */
export function findDateline(text: string, lines = 15): string | undefined {
  for (const line of text.split('\n', lines)) {
    const m = DATELINE.exec(line.trim());
    if (!m) continue;
    const month = (name: string | undefined) => MONTHS.indexOf(name?.toLowerCase() ?? '') + 1;
    if (m[1]) return isoDateOf(Number(m[1]), Number(m[2]), Number(m[3]));
    if (m[4]) return isoDateOf(Number(m[6]), month(m[5]), Number(m[4]));
    return isoDateOf(Number(m[9]), month(m[7]), Number(m[8]));
  }
  return undefined;
}

/** Unix seconds at UTC midnight of an ISO date, for sorting and range filters. */
export function isoDateToTimestamp(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 1000;
}
