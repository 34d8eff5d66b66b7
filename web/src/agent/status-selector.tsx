import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { ActionNotice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'
import { formatDuration } from '../ui/format-duration.ts'
import { useNow } from '../ui/use-now.ts'
import type { DeskSettings } from './desk-types.ts'

/** What the select shows: available, not_ready:<reason code>, offline. */
function choiceOf(me: DeskSettings['me']): string {
  if (me.status === 'not_ready') return `not_ready:${me.reason ?? ''}`
  return me.status === 'busy' ? 'available' : me.status
}

/**
 * My status: available, not ready with a configured reason, or offline. Busy is never chosen:
 * it shows when my conversations fill my capacity (or the server says so).
 */
export function StatusSelector({
  settings,
  activeCount,
  onChanged,
}: {
  settings: DeskSettings
  activeCount: number
  onChanged: () => void
}) {
  const text = useText()
  const now = useNow()
  const t = text.desk.status
  const { me } = settings
  const busy = me.status === 'busy' || (me.status === 'available' && activeCount >= me.capacity)
  const systemReason = settings.systemNotReadyReasons.find((r) => r.code === me.reason)

  const change = useAction(
    async (choice: string) => {
      const [status, reason] = choice.split(':')
      await api.put('/v1/agents/me/status', reason ? { status, reason } : { status })
      onChanged()
    },
    { describe: t.changeFailed },
  )

  const shown = busy ? 'busy' : me.status
  return (
    <div className="desk-status">
      <label className="field">
        <span>{t.label}</span>
        <select value={choiceOf(me)} onChange={(e) => void change.run(e.target.value)}>
          <option value="available">{text.statuses.available}</option>
          {settings.notReadyReasons.map((r) => (
            <option key={r.code} value={`not_ready:${r.code}`}>
              {format(t.notReadyWith, { reason: r.label })}
            </option>
          ))}
          {systemReason && (
            <option value={`not_ready:${systemReason.code}`} disabled>
              {format(t.notReadyWith, { reason: systemReason.label })}
            </option>
          )}
          <option value="offline">{text.statuses.offline}</option>
        </select>
      </label>
      <p className="desk-status-now">
        <span className={`badge desk-status-${shown}`}>{text.statuses[shown]}</span>{' '}
        <span className="muted">
          {busy
            ? format(t.busyDetail, { active: activeCount, capacity: me.capacity })
            : format(t.since, { time: formatDuration(now - me.statusSince) })}
        </span>
      </p>
      <ActionNotice action={change} />
    </div>
  )
}
