/** Display helpers shared by the card and the extension pages. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-09-11" → "11 Sep 2025"; "2025-09" → "Sep 2025"; "2025" → "2025". */
export function formatPartialDate(date: string): string {
  const [year, month, day] = date.split('-');
  if (!month) return year ?? date;
  const name = MONTHS[Number(month) - 1] ?? month;
  return day ? `${Number(day)} ${name} ${year}` : `${name} ${year}`;
}

export const TYPE_LABELS: Record<string, string> = {
  person: 'Person',
  organisation: 'Organisation',
  place: 'Place',
  event: 'Event',
  concept: 'Concept',
};

/** Only https links are clickable; anything else (javascript:, data:, http:) is shown inert. */
export function safeHref(url: string): string | undefined {
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** "1 mark", "16 marks". */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
