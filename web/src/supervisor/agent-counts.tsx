import type { AgentStatus } from '../api/types.ts'
import { format, useText } from '../text/use-text.ts'
import type { BoardQueue, SupervisorSettings } from './board-types.ts'
import { reasonLabel } from './supervisor-data.ts'

const ORDER: readonly AgentStatus[] = ['available', 'busy', 'not_ready', 'offline']
const TONE: Record<AgentStatus, string> = {
  available: 'badge badge-ok',
  busy: 'badge badge-warn',
  not_ready: 'badge badge-bad',
  offline: 'badge',
}

/** The agents serving a queue: available, busy, not ready (by reason) and offline. */
export function AgentCounts({
  queue,
  settings,
}: {
  queue: BoardQueue
  settings: SupervisorSettings
}) {
  const text = useText()
  const t = text.supervisor.agentCounts
  const total = ORDER.reduce((sum, s) => sum + (queue.agents[s] ?? 0), 0)
  const reasons = Object.entries(queue.agentsByReason ?? {}).filter(([, n]) => n > 0)
  return (
    <div className="sv-agent-counts">
      <span className="sv-service-level-title">{t.title}</span>
      {total === 0 ? (
        <span className="muted">{t.nobody}</span>
      ) : (
        <ul aria-label={format(t.label, { queue: queue.name })} className="plain-list row">
          {ORDER.map((status) => (
            <li key={status}>
              <span className={TONE[status]}>
                {text.statuses[status]} {queue.agents[status] ?? 0}
              </span>
            </li>
          ))}
        </ul>
      )}
      {reasons.length > 0 && (
        <ul className="plain-list row small">
          {reasons.map(([code, n]) => (
            <li key={code} className="muted">
              {format(t.reason, { reason: reasonLabel(settings, code), n })}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
