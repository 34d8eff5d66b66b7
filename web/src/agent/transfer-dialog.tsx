import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { useText } from '../text/use-text.ts'
import { ActionNotice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'

/**
 * Hands the conversation to an agent (by username) or to a queue, with a note for whoever
 * takes it. A modal dialog: focus stays inside, Escape closes it.
 */
export function TransferDialog({
  conversationId,
  queues,
  currentQueue,
  onClose,
  onTransferred,
}: {
  conversationId: string
  queues: { id: string; name: string }[]
  currentQueue: string | undefined
  onClose: () => void
  onTransferred: () => void
}) {
  const text = useText()
  const t = text.desk.transfer
  const ids = useId()
  const dialog = useRef<HTMLDialogElement>(null)
  const [target, setTarget] = useState<'agent' | 'queue'>('agent')
  const [agent, setAgent] = useState('')
  const [queue, setQueue] = useState(queues.find((q) => q.id !== currentQueue)?.id ?? '')
  const [note, setNote] = useState('')

  useEffect(() => {
    const element = dialog.current
    // No close on unmount: a removed dialog leaves the top layer by itself, and closing it
    // would fire onClose again.
    if (element && !element.open) element.showModal()
  }, [])

  const transfer = useAction(
    async () => {
      const to = target === 'agent' ? { toAgent: agent.trim() } : { toQueue: queue }
      await api.post(`/v1/conversations/${conversationId}/transfer`, { ...to, note: note.trim() })
      onTransferred()
    },
    { describe: t.failed, keepBusyOnSuccess: true },
  )
  const submit = (event: SyntheticEvent) => {
    event.preventDefault()
    void transfer.run()
  }

  return (
    <dialog ref={dialog} className="desk-dialog" aria-labelledby={`${ids}-title`} onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        <h2 id={`${ids}-title`}>{t.title}</h2>
        <fieldset className="row">
          <legend>{t.to}</legend>
          <label>
            <input
              type="radio"
              name="transfer-target"
              checked={target === 'agent'}
              onChange={() => setTarget('agent')}
            />{' '}
            {t.toAgent}
          </label>
          <label>
            <input
              type="radio"
              name="transfer-target"
              checked={target === 'queue'}
              onChange={() => setTarget('queue')}
            />{' '}
            {t.toQueue}
          </label>
        </fieldset>
        {target === 'agent' ? (
          <label className="field">
            <span>{t.agent}</span>
            <input
              value={agent}
              required
              autoComplete="off"
              aria-describedby={`${ids}-hint`}
              onChange={(e) => setAgent(e.target.value)}
            />
            <small id={`${ids}-hint`} className="muted">
              {t.agentHint}
            </small>
          </label>
        ) : (
          <label className="field">
            <span>{t.queue}</span>
            <select value={queue} required onChange={(e) => setQueue(e.target.value)}>
              {queues.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{t.note}</span>
          <textarea
            value={note}
            required
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        <ActionNotice action={transfer} />
        <div className="row">
          <button type="submit" className="button button-primary" disabled={transfer.busy}>
            {t.submit}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {text.actions.cancel}
          </button>
        </div>
      </form>
    </dialog>
  )
}
