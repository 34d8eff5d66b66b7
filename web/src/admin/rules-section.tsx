import { useState } from 'react'
import { api } from '../api/client.ts'
import { useText } from '../text/use-text.ts'
import { LoadGate } from '../ui/feedback.tsx'
import { useLoad } from '../ui/use-load.ts'
import type { RoutingConfig } from './admin-types.ts'
import { CaptureRulesTable } from './capture-rules-table.tsx'
import { ConfiguredIn } from './configured-in.tsx'
import { KeywordSetsTable } from './keyword-sets-table.tsx'
import { ScreeningRulesTable } from './screening-rules-table.tsx'
import { TestMessageBox } from './test-message-box.tsx'

/** Screening, capture and keyword rules (read-only), and a box to try a message against them. */
export function RulesSection() {
  const text = useText()
  const t = text.admin.rules
  const routing = useLoad(() => api.get<RoutingConfig>('/v1/admin/routing'), [])
  const [matched, setMatched] = useState<string>()
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <LoadGate loaded={routing}>
        {(config) => (
          <>
            <TestMessageBox
              senders={config.keywordSets.map((k) => ({ number: k.sender, label: k.label }))}
              onTested={setMatched}
            />
            <ConfiguredIn />
            <ScreeningRulesTable rules={config.screening} matched={matched} />
            {config.programs && <CaptureRulesTable programs={config.programs} />}
            <KeywordSetsTable sets={config.keywordSets} />
          </>
        )}
      </LoadGate>
    </div>
  )
}
