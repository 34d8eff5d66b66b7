import { useText } from '../text/use-text.ts'
import { LoadGate } from '../ui/feedback.tsx'
import { usePath } from '../shell/use-path.ts'
import { ConversationPage } from './conversation-page.tsx'
import { QueueBoard } from './queue-board.tsx'
import { QueueDetail } from './queue-detail.tsx'
import { useSupervisorSettings } from './supervisor-data.ts'
import './supervisor.css'

/**
 * The supervisors' queue screens: /queues (the board), /queues/<id> (a queue's waiting
 * conversations, to move, reprioritise or assign) and /queues/<id>/conversations/<cid>
 * (a transcript with its quality review).
 */
export function QueueBoardPage() {
  const text = useText()
  const path = usePath()
  const settings = useSupervisorSettings()
  const [, queueId, sub, conversationId] = path
    .split('/')
    .filter(Boolean)
    .map((part) => decodeURIComponent(part))
  return (
    <LoadGate loaded={settings}>
      {(loaded) => {
        if (queueId !== undefined && sub === 'conversations' && conversationId !== undefined)
          return (
            <ConversationPage
              key={conversationId}
              queueId={queueId}
              conversationId={conversationId}
              settings={loaded}
            />
          )
        if (queueId !== undefined && sub === undefined)
          return <QueueDetail key={queueId} queueId={queueId} settings={loaded} />
        if (queueId === undefined) return <QueueBoard settings={loaded} />
        return <p>{text.shell.notFound}</p>
      }}
    </LoadGate>
  )
}
