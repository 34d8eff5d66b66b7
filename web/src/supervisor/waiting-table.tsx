import { format, useText } from '../text/use-text.ts'
import { AppLink } from '../ui/app-link.tsx'
import { formatDuration } from '../ui/format-duration.ts'
import { AssignForm } from './assign-form.tsx'
import type { BoardAgent, BoardQueue, SupervisorSettings } from './board-types.ts'
import { MoveForm } from './move-form.tsx'
import { PriorityForm } from './priority-form.tsx'
import type { ActionOutcome } from './row-action.ts'
import { conversationPath } from './supervisor-data.ts'

/** A queue's waiting conversations, longest waiting first, each with its actions. */
export function WaitingTable({
  queue,
  agents,
  settings,
  elapsedMs,
  onDone,
}: {
  queue: BoardQueue
  agents: readonly BoardAgent[]
  settings: SupervisorSettings
  elapsedMs: number
  onDone: (outcome: ActionOutcome) => void
}) {
  const text = useText()
  const t = text.supervisor.detail
  if (queue.waiting.length === 0) return <p className="muted">{t.noneWaiting}</p>
  return (
    <div className="table-scroll">
      <table className="sv-waiting-table sv-cards">
        <thead>
          <tr>
            <th scope="col">{t.customer}</th>
            <th scope="col">{t.waited}</th>
            <th scope="col">{t.priority}</th>
            <th scope="col">{t.category}</th>
            <th scope="col">{t.actions}</th>
          </tr>
        </thead>
        <tbody>
          {queue.waiting.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <AppLink
                  to={conversationPath(queue.id, c.id)}
                  label={format(t.openTranscript, { customer: c.customerNumber })}
                >
                  {c.customerNumber}
                </AppLink>
                {c.flagged && <span className="badge badge-bad">{t.flagged}</span>}
              </th>
              <td data-label={t.waited}>{formatDuration(c.waitedMs + elapsedMs)}</td>
              <td data-label={t.priority}>{c.priority}</td>
              <td data-label={t.category}>{c.category ?? ''}</td>
              <td>
                <div className="sv-row-actions">
                  <PriorityForm key={c.priority} conversation={c} onDone={onDone} />
                  <AssignForm conversation={c} agents={agents} onDone={onDone} />
                  <MoveForm conversation={c} settings={settings} onDone={onDone} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
