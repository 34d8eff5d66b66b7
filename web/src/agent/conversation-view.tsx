import { useState } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { ActionNotice, LoadGate, Notice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'
import type { Loaded } from '../ui/use-load.ts'
import type { Transcript } from '../api/types.ts'
import type { CustomerPanelData, DeskSettings } from './desk-types.ts'
import { Composer } from './composer.tsx'
import { formatTime } from './format-time.ts'
import { TranscriptView } from './transcript-view.tsx'
import { TransferDialog } from './transfer-dialog.tsx'
import { useShortcut } from './use-shortcut.ts'
import { WrapUpForm } from './wrap-up-form.tsx'

/** Values Parley fills into a standard response itself, as the agent may see them. */
function autoValuesOf(settings: DeskSettings, panel: CustomerPanelData | undefined) {
  const values: Record<string, string> = { agentName: settings.me.displayName }
  for (const [name, value] of Object.entries(panel?.attributes ?? {}))
    if (typeof value === 'string' || typeof value === 'number') values[name] = String(value)
  for (const c of panel?.captured ?? []) values[c.attribute] = c.mask // stays masked here
  return values
}

/**
 * The open conversation: who and which queue, the transcript, and what I can do now: accept
 * an offer; reply, transfer or end an active one; wrap up an ended one.
 */
export function ConversationView({
  settings,
  transcript,
  panel,
  focusReply,
  onChanged,
  onAccept,
}: {
  settings: DeskSettings
  transcript: Loaded<Transcript>
  panel: CustomerPanelData | undefined
  focusReply: boolean
  onChanged: () => void
  onAccept: (id: string) => Promise<void>
}) {
  const text = useText()
  const t = text.desk.conversation
  const [transferring, setTransferring] = useState(false)
  const [focusWrapUp, setFocusWrapUp] = useState(false)
  const data = transcript.state === 'ready' ? transcript.data : undefined
  const c = data?.conversation
  const mine = c?.agentId === settings.me.id
  const queue = settings.queues.find((q) => q.id === c?.queueId)

  const ending = useAction(
    async (id: string) => {
      await api.post(`/v1/conversations/${id}/end`)
      transcript.reload()
      onChanged()
    },
    { describe: t.endFailed },
  )
  const end = async () => {
    if (c) await ending.run(c.id)
  }

  useShortcut('KeyW', () => {
    if (!c || !mine) return
    setFocusWrapUp(true)
    if (c.status === 'active') void end()
    else document.getElementById('desk-disposition')?.focus()
  })

  return (
    <LoadGate loaded={transcript}>
      {({ conversation, events, messages }) => (
        <section className="conversation stack" aria-labelledby="conversation-title">
          <header className="conversation-head">
            <h2 id="conversation-title">
              {format(t.heading, { number: conversation.customerNumber })}
            </h2>
            <p className="muted">
              <span className={`badge conversation-status-${conversation.status}`}>
                {t.statusLabel[conversation.status]}
              </span>{' '}
              {format(t.queue, { queue: queue?.name ?? conversation.queueId ?? '—' })} ·{' '}
              {format(t.opened, { time: formatTime(conversation.openedAt) })}
            </p>
            {mine && conversation.status === 'offered' && (
              <button
                type="button"
                className="button button-primary"
                onClick={() => void onAccept(conversation.id)}
              >
                {text.desk.offer.accept}
              </button>
            )}
            {mine && conversation.status === 'active' && (
              <div className="row">
                <button type="button" className="button" onClick={() => setTransferring(true)}>
                  {t.transfer}
                </button>
                <button
                  type="button"
                  className="button button-danger"
                  aria-keyshortcuts="Alt+W"
                  onClick={() => void end()}
                >
                  {t.end}
                </button>
              </div>
            )}
          </header>
          <ActionNotice action={ending} />
          <TranscriptView messages={messages} events={events} meId={settings.me.id} />
          {mine && conversation.status === 'active' && (
            <Composer
              key={conversation.id}
              conversationId={conversation.id}
              responses={settings.standardResponses}
              autoValues={autoValuesOf(settings, panel)}
              preferredLanguage={panel?.contact.language}
              autoFocus={focusReply}
              onSent={transcript.reload}
            />
          )}
          {mine && conversation.status === 'ended' && (
            <WrapUpForm
              key={conversation.id}
              conversationId={conversation.id}
              autoFocus={focusWrapUp}
              dispositions={(queue?.dispositions ?? settings.dispositions.map((d) => d.code)).map(
                (code) =>
                  settings.dispositions.find((d) => d.code === code) ?? { code, label: code },
              )}
              onWrappedUp={() => {
                transcript.reload()
                onChanged()
              }}
            />
          )}
          {mine && conversation.status === 'wrapped_up' && (
            <Notice tone="success">{text.desk.wrapUp.done}</Notice>
          )}
          {!mine &&
            (events.some((e) => e.type === 'transferred' && e.agentId === settings.me.id) ? (
              <Notice tone="success">{t.transferredAway}</Notice>
            ) : (
              <Notice>{t.readOnly}</Notice>
            ))}
          {transferring && (
            <TransferDialog
              conversationId={conversation.id}
              queues={settings.queues}
              currentQueue={conversation.queueId}
              onClose={() => setTransferring(false)}
              onTransferred={() => {
                setTransferring(false)
                transcript.reload()
                onChanged()
              }}
            />
          )}
        </section>
      )}
    </LoadGate>
  )
}
