import { format, useText } from '../text/use-text.ts'
import type { HealthState, Trunk } from './admin-types.ts'
import { formatWhen } from './format-when.ts'

const TONE: Record<HealthState, string> = {
  up: 'badge badge-ok',
  connecting: 'badge badge-warn',
  down: 'badge badge-bad',
  disabled: 'badge',
}

/** A trunk's bind/health state as a coloured word, with the detail and since when. */
export function TrunkHealth({ trunk }: { trunk: Trunk }) {
  const text = useText()
  const t = text.admin.trunks
  const { state, detail, since } = trunk.health
  return (
    <span>
      <span className={TONE[state]}>{t.states[state]}</span>
      {detail && <span className="muted small"> {detail}</span>}
      {since && state !== 'disabled' && (
        <span className="muted small"> {format(t.since, { when: formatWhen(since) })}</span>
      )}
    </span>
  )
}
