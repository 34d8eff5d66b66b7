import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { AppLink } from '../ui/app-link.tsx'
import { LoadGate } from '../ui/feedback.tsx'
import { useLoad } from '../ui/use-load.ts'
import type { Transcript } from '../api/types.ts'
import type { SupervisorSettings } from './board-types.ts'
import { CapturedValues } from './captured-values.tsx'
import { ConversationFacts } from './conversation-facts.tsx'
import { ReviewPanel } from './review-panel.tsx'
import { queueName, useLiveAgents } from './supervisor-data.ts'
import { TranscriptHistory } from './transcript-history.tsx'
import { TranscriptMessages } from './transcript-messages.tsx'
import { useLiveReload } from './use-live-reload.ts'

/** Any conversation's transcript, as a supervisor reads it, with its quality reviews. */
export function ConversationPage({
  queueId,
  conversationId,
  settings,
}: {
  queueId: string
  conversationId: string
  settings: SupervisorSettings
}) {
  const text = useText()
  const t = text.supervisor.transcript
  const transcript = useLoad(
    () => api.get<Transcript>(`/v1/conversations/${encodeURIComponent(conversationId)}`),
    [conversationId],
  )
  useLiveReload(transcript.reload)
  const agents = useLiveAgents()
  const people = agents.state === 'ready' ? agents.data.items : []
  const knownQueue = settings.queues.some((q) => q.id === queueId)
  return (
    <section className="stack sv-page" aria-labelledby="conversation-title">
      <p>
        {knownQueue ? (
          <AppLink to={`/queues/${encodeURIComponent(queueId)}`}>
            ← {format(t.back, { queue: queueName(settings, queueId) })}
          </AppLink>
        ) : (
          <AppLink to="/queues">← {t.backToQueues}</AppLink>
        )}
      </p>
      <LoadGate loaded={transcript}>
        {({ conversation, messages, events }) => (
          <>
            <h1 id="conversation-title">
              {format(t.title, { customer: conversation.customerNumber })}
            </h1>
            <div className="sv-conversation-layout">
              <div className="stack">
                <div className="panel">
                  <ConversationFacts
                    conversation={conversation}
                    agents={people}
                    settings={settings}
                  />
                </div>
                <CapturedValues
                  conversationId={conversation.id}
                  messageCount={messages.length}
                  mayReveal={settings.mayRevealMasked}
                />
                <section className="panel stack" aria-labelledby="texts-title">
                  <h2 id="texts-title">{t.messagesTitle}</h2>
                  <TranscriptMessages messages={messages} />
                  <TranscriptHistory events={events} agents={people} settings={settings} />
                </section>
              </div>
              <ReviewPanel conversationId={conversation.id} criteria={settings.reviewCriteria} />
            </div>
          </>
        )}
      </LoadGate>
    </section>
  )
}
