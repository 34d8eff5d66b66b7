/**
 * A time of day for a transcript or a list ("14:05"), with the date when it is not today.
 * @example formatTime(Date.now()) // '14:05'
 */
export function formatTime(ms: number, now = Date.now()): string {
  const at = new Date(ms)
  const lang = document.documentElement.lang || undefined
  const time = at.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' })
  if (at.toDateString() === new Date(now).toDateString()) return time
  return `${at.toLocaleDateString(lang, { year: 'numeric', month: 'short', day: 'numeric' })} ${time}`
}
