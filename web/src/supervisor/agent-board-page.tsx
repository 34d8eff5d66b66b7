import { useState } from 'react'
import { useText } from '../text/use-text.ts'
import { LoadGate, Notice } from '../ui/feedback.tsx'
import { useNow } from '../ui/use-now.ts'
import { AgentRow } from './agent-row.tsx'
import type { ActionOutcome } from './row-action.ts'
import { useLiveAgents, useSupervisorSettings } from './supervisor-data.ts'
import './supervisor.css'

/** The agent board: every agent's status, time in it, load and conversations, live. */
export function AgentBoardPage() {
  const text = useText()
  const t = text.supervisor.agents
  const settings = useSupervisorSettings()
  const agents = useLiveAgents()
  const now = useNow()
  const [outcome, setOutcome] = useState<ActionOutcome>()
  const done = (result: ActionOutcome) => {
    setOutcome(result)
    agents.reload()
  }
  return (
    <section className="stack sv-page" aria-labelledby="agent-board-title">
      <h1 id="agent-board-title">{t.title}</h1>
      <p className="muted">{t.intro}</p>
      {outcome && <Notice tone={outcome.tone}>{outcome.message}</Notice>}
      <LoadGate loaded={settings}>
        {(loadedSettings) => (
          <LoadGate loaded={agents}>
            {({ items, readAt }) =>
              items.length === 0 ? (
                <p className="muted">{t.none}</p>
              ) : (
                <div className="table-scroll">
                  <table className="sv-agent-table sv-cards">
                    <thead>
                      <tr>
                        <th scope="col">{t.agent}</th>
                        <th scope="col">{t.status}</th>
                        <th scope="col">{t.inStatus}</th>
                        <th scope="col">{t.load}</th>
                        <th scope="col">{t.conversations}</th>
                        <th scope="col">{t.queues}</th>
                        <th scope="col">{t.change}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((agent) => (
                        <AgentRow
                          key={agent.id}
                          agent={agent}
                          settings={loadedSettings}
                          elapsedMs={Math.max(0, now - readAt)}
                          onDone={done}
                        />
                      ))}
                    </tbody>
                  </table>
                </div>
              )
            }
          </LoadGate>
        )}
      </LoadGate>
    </section>
  )
}
