import type { Messages } from '../text/en.ts'
import { format } from '../text/use-text.ts'

/**
 * A service-level target for people, in whole units where it has them: "5 min", "1 h", "90 s"
 * becomes "1 min 30 s".
 * @example formatThreshold(text, 300) // '5 min'
 */
export function formatThreshold(text: Messages, seconds: number): string {
  const t = text.supervisor.serviceLevel
  if (seconds >= 3600 && seconds % 3600 === 0) return format(t.hours, { h: seconds / 3600 })
  if (seconds < 60) return format(t.seconds, { s: seconds })
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  return s === 0 ? format(t.minutes, { m }) : format(t.minutesSeconds, { m, s })
}
