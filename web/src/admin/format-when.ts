/**
 * A stored time (ISO text or epoch milliseconds) as local date and time, to the minute.
 * @example formatWhen('2027-02-23T17:30:00.000Z') // '2027-02-23 09:30' in Vancouver
 */
export function formatWhen(when: string | number): string {
  const date = new Date(when)
  if (Number.isNaN(date.getTime())) return String(when)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}
