/**
 * Ready-made ranges of issue dates for the search page: this year, the last
 * five and the last ten years, counted back from today.
 */
export interface DatePreset {
  /** The number of years back, 0 for "this year". */
  years: 0 | 5 | 10;
  issuedFrom: string;
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

export function datePresets(today: Date = new Date()): DatePreset[] {
  const year = today.getUTCFullYear();
  const back = (years: number) => {
    const day = new Date(today);
    day.setUTCFullYear(year - years);
    return iso(day);
  };
  return [
    { years: 0, issuedFrom: `${String(year)}-01-01` },
    { years: 5, issuedFrom: back(5) },
    { years: 10, issuedFrom: back(10) },
  ];
}
