import { useState } from 'react'
import { api } from '../api/client.ts'
import { useText } from '../text/use-text.ts'
import { LoadGate } from '../ui/feedback.tsx'
import { useLoad } from '../ui/use-load.ts'
import type { ApiKey, CreatedApiKey } from './admin-types.ts'
import { ApiKeyTable } from './api-key-table.tsx'
import { CreatedKeyNotice } from './created-key-notice.tsx'
import { NewApiKeyForm } from './new-api-key-form.tsx'

/** API keys for other systems: list, create (the key is shown once), revoke. */
export function ApiKeysSection() {
  const text = useText()
  const t = text.admin.apiKeys
  const keys = useLoad(
    () => api.get<{ apiKeys: ApiKey[] }>('/v1/admin/api-keys').then((a) => a.apiKeys),
    [],
  )
  const [created, setCreated] = useState<CreatedApiKey>()
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      {created && <CreatedKeyNotice created={created} onDone={() => setCreated(undefined)} />}
      <NewApiKeyForm
        onCreated={(answer) => {
          setCreated(answer)
          keys.reload()
        }}
      />
      <LoadGate loaded={keys}>
        {(list) => <ApiKeyTable keys={list} onRevoked={keys.reload} />}
      </LoadGate>
    </div>
  )
}
