/**
 * A waiting or status time for people: "42 s", "3 min 05 s", "2 h 07 min".
 * @example formatDuration(185_000) // '3 min 05 s'
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return `${String(h)} h ${String(m).padStart(2, '0')} min`
  if (m > 0) return `${String(m)} min ${String(s).padStart(2, '0')} s`
  return `${String(s)} s`
}
