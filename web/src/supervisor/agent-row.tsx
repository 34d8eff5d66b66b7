import { format, useText } from '../text/use-text.ts'
import { AppLink } from '../ui/app-link.tsx'
import { formatDuration } from '../ui/format-duration.ts'
import { AgentStatusForm } from './agent-status-form.tsx'
import type { BoardAgent, SupervisorSettings } from './board-types.ts'
import type { ActionOutcome } from './row-action.ts'
import { conversationPath, queueName, reasonLabel } from './supervisor-data.ts'

const TONE = {
  available: 'badge badge-ok',
  busy: 'badge badge-warn',
  not_ready: 'badge badge-bad',
  offline: 'badge',
} as const

/** One agent: status and reason, time in status (ticking), load, conversations, queues. */
export function AgentRow({
  agent,
  settings,
  elapsedMs,
  onDone,
}: {
  agent: BoardAgent
  settings: SupervisorSettings
  elapsedMs: number
  onDone: (outcome: ActionOutcome) => void
}) {
  const text = useText()
  const t = text.supervisor.agents
  return (
    <tr>
      <th scope="row">
        {agent.displayName}
        <div className="muted small">{agent.username}</div>
      </th>
      <td data-label={t.status}>
        <span className={TONE[agent.status]}>{text.statuses[agent.status]}</span>
        {agent.status === 'not_ready' && agent.reason !== undefined && (
          <div className="small">{reasonLabel(settings, agent.reason)}</div>
        )}
      </td>
      <td data-label={t.inStatus}>{formatDuration(agent.inStatusMs + elapsedMs)}</td>
      <td data-label={t.load}>
        {format(t.loadValue, { active: agent.activeCount, capacity: agent.capacity })}
      </td>
      <td data-label={t.conversations}>
        {agent.conversations.length === 0 ? (
          <span className="muted">{t.noConversations}</span>
        ) : (
          <ul className="plain-list">
            {agent.conversations.map((c) => (
              <li key={c.id}>
                <AppLink to={conversationPath(c.queueId, c.id)}>
                  {format(t.conversationLink, {
                    queue: queueName(settings, c.queueId),
                    status: text.supervisor.conversationStatuses[c.status] ?? c.status,
                  })}
                </AppLink>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="small" data-label={t.queues}>
        {agent.queues.map((q) => queueName(settings, q)).join(', ')}
      </td>
      <td>
        <AgentStatusForm
          key={`${agent.status}:${agent.reason ?? ''}`}
          agent={agent}
          settings={settings}
          onDone={onDone}
        />
      </td>
    </tr>
  )
}
