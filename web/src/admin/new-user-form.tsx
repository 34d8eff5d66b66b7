import { useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { ActionNotice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'
import type { AdminUser, RoutingConfig } from './admin-types.ts'
import { UserSettingsFields, type UserSettings } from './user-settings-fields.tsx'

const BLANK: UserSettings = { displayName: '', role: 'agent', queues: [], skills: {}, capacity: 3 }

/** Adds a user with a first password (they are told it; the server never shows it again). */
export function NewUserForm({
  options,
  onAdded,
  onCancel,
}: {
  options: Pick<RoutingConfig, 'queues' | 'skills'>
  onAdded: (message: string) => void
  onCancel: () => void
}) {
  const text = useText()
  const t = text.admin.users
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [settings, setSettings] = useState(BLANK)
  const add = useAction(
    async () => {
      const user = await api.post<AdminUser>('/v1/admin/users', {
        username,
        password,
        ...settings,
      })
      onAdded(format(t.added, { name: user.username }))
    },
    { keepBusyOnSuccess: true },
  )
  const submit = (event: SyntheticEvent) => {
    event.preventDefault()
    void add.run()
  }

  return (
    <form className="panel stack" aria-labelledby="new-user-title" onSubmit={submit}>
      <h2 id="new-user-title">{t.addTitle}</h2>
      <ActionNotice action={add} />
      <div className="row">
        <label className="field">
          <span>{t.fields.username}</span>
          <input
            required
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t.fields.password}</span>
          <input
            required
            type="password"
            autoComplete="new-password"
            minLength={12}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby="new-user-password-hint"
          />
        </label>
      </div>
      <p id="new-user-password-hint" className="muted small">
        {t.passwordHint}
      </p>
      <UserSettingsFields value={settings} onChange={setSettings} options={options} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={add.busy}>
          {t.addSubmit}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {text.actions.cancel}
        </button>
      </div>
    </form>
  )
}
