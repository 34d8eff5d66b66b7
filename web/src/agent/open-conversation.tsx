import { useText } from '../text/use-text.ts'
import type { DeskSettings } from './desk-types.ts'
import { ConversationView } from './conversation-view.tsx'
import { CustomerPanel } from './customer-panel.tsx'
import { useConversation } from './use-conversation.ts'

/**
 * The middle and right columns for one conversation: the conversation itself and its
 * customer panel, both kept current by live events. Keyed by the conversation id, so
 * switching conversations never shows the previous one's data.
 */
export function OpenConversation({
  id,
  settings,
  focusReply,
  queueName,
  onChanged,
  onAccept,
}: {
  id: string
  settings: DeskSettings
  focusReply: boolean
  queueName: (id: string | undefined) => string
  onChanged: () => void
  onAccept: (id: string) => Promise<void>
}) {
  const text = useText()
  const { transcript, panel } = useConversation(id)
  const dispositionLabel = (code: string) =>
    settings.dispositions.find((d) => d.code === code)?.label ?? code
  return (
    <>
      <div className="desk-column desk-column-conversation panel">
        <ConversationView
          settings={settings}
          transcript={transcript}
          panel={panel.state === 'ready' ? panel.data : undefined}
          focusReply={focusReply}
          onChanged={onChanged}
          onAccept={onAccept}
        />
      </div>
      <section
        className="desk-column desk-column-customer panel"
        aria-labelledby="desk-customer-title"
      >
        <h2 id="desk-customer-title">{text.desk.columns.customer}</h2>
        <CustomerPanel
          panel={panel}
          mayReveal={settings.mayRevealMasked}
          queueName={queueName}
          dispositionLabel={dispositionLabel}
        />
      </section>
    </>
  )
}
