import { api } from '../api/client.ts'
import { useText } from '../text/use-text.ts'
import { LoadGate } from '../ui/feedback.tsx'
import { useLoad } from '../ui/use-load.ts'
import type { StandardResponse } from '../api/types.ts'
import type { RoutingConfig } from './admin-types.ts'
import { CodeTable } from './code-table.tsx'
import { ConfiguredIn } from './configured-in.tsx'
import { QueueTable } from './queue-table.tsx'
import { StandardResponsesTable } from './standard-responses-table.tsx'

/** Queues, skills, dispositions, not-ready codes and standard responses: read-only. */
export function RoutingSection() {
  const text = useText()
  const t = text.admin.routing
  const routing = useLoad(() => api.get<RoutingConfig>('/v1/admin/routing'), [])
  const responses = useLoad(
    () =>
      api
        .get<{ standardResponses: StandardResponse[] }>('/v1/desk/settings')
        .then((s) => s.standardResponses),
    [],
  )
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <ConfiguredIn />
      <LoadGate loaded={routing}>
        {(config) => (
          <>
            <QueueTable queues={config.queues} />
            <div className="grid">
              <CodeTable
                title={t.skills}
                rows={config.skills.map((s) => ({ code: s.id, label: s.name }))}
              />
              <CodeTable title={t.dispositions} rows={config.dispositions} />
              <CodeTable title={t.notReadyReasons} rows={config.notReadyReasons} />
            </div>
          </>
        )}
      </LoadGate>
      <LoadGate loaded={responses}>
        {(list) => <StandardResponsesTable responses={list} />}
      </LoadGate>
    </div>
  )
}
