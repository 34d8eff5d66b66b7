import { useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { useText } from '../text/use-text.ts'
import { ActionNotice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'
import type { ApiKeyScope, CreatedApiKey } from './admin-types.ts'

const SCOPES: readonly ApiKeyScope[] = ['send', 'read', 'admin']

/** Names a new key, picks its scopes and whether it is a test key (sandbox carrier only). */
export function NewApiKeyForm({ onCreated }: { onCreated: (created: CreatedApiKey) => void }) {
  const text = useText()
  const t = text.admin.apiKeys
  const [name, setName] = useState('')
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['send'])
  const [mode, setMode] = useState<'test' | 'live'>('test')
  const toggle = (scope: ApiKeyScope, on: boolean) =>
    setScopes((old) => (on ? [...old, scope] : old.filter((s) => s !== scope)))

  const create = useAction(async () => {
    onCreated(
      await api.post<CreatedApiKey>('/v1/admin/api-keys', { name, scopes, test: mode === 'test' }),
    )
    setName('')
  })
  const submit = (event: SyntheticEvent) => {
    event.preventDefault()
    if (scopes.length === 0) create.fail(t.needScope)
    else void create.run()
  }

  return (
    <form className="panel stack" aria-labelledby="new-key-title" onSubmit={submit}>
      <h2 id="new-key-title">{t.createTitle}</h2>
      <ActionNotice action={create} />
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
        <button type="submit" className="button button-primary" disabled={create.busy}>
          {t.createSubmit}
        </button>
      </div>
    </form>
  )
}
