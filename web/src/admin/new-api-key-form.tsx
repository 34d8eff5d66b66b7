import { useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { useText } from '../text/use-text.ts'
import { Notice } from '../ui/feedback.tsx'
import type { ApiKeyScope, CreatedApiKey } from './admin-types.ts'
import { errorMessage } from './error-message.ts'

const SCOPES: readonly ApiKeyScope[] = ['send', 'read', 'admin']

/** Names a new key, picks its scopes and whether it is a test key (sandbox carrier only). */
export function NewApiKeyForm({ onCreated }: { onCreated: (created: CreatedApiKey) => void }) {
  const text = useText()
  const t = text.admin.apiKeys
  const [name, setName] = useState('')
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['send'])
  const [mode, setMode] = useState<'test' | 'live'>('test')
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()
  const toggle = (scope: ApiKeyScope, on: boolean) =>
    setScopes((old) => (on ? [...old, scope] : old.filter((s) => s !== scope)))

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault()
    if (scopes.length === 0) {
      setFailure(t.needScope)
      return
    }
    setBusy(true)
    setFailure(undefined)
    try {
      onCreated(
        await api.post<CreatedApiKey>('/v1/admin/api-keys', {
          name,
          scopes,
          test: mode === 'test',
        }),
      )
      setName('')
    } catch (error) {
      setFailure(errorMessage(text, error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="panel stack" aria-labelledby="new-key-title" onSubmit={(e) => void submit(e)}>
      <h2 id="new-key-title">{t.createTitle}</h2>
      {failure && <Notice tone="error">{failure}</Notice>}
      <label className="field narrow-field">
        <span>{t.name}</span>
        <input
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-describedby="new-key-name-hint"
        />
      </label>
      <p id="new-key-name-hint" className="muted small">
        {t.nameHint}
      </p>
      <div className="row align-start">
        <fieldset className="choice-group">
          <legend>{t.scopes}</legend>
          {SCOPES.map((scope) => (
            <label key={scope} className="choice">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) => toggle(scope, e.target.checked)}
              />
              <span>
                <strong>{scope}</strong> <span className="muted small">{t.scopeHelp[scope]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="choice-group">
          <legend>{t.mode}</legend>
          {(['test', 'live'] as const).map((m) => (
            <label key={m} className="choice">
              <input
                type="radio"
                name="key-mode"
                checked={mode === m}
                onChange={() => setMode(m)}
              />
              <span>
                <strong>{t.modes[m]}</strong> <span className="muted small">{t.modeHelp[m]}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </div>
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t.createSubmit}
        </button>
      </div>
    </form>
  )
}
