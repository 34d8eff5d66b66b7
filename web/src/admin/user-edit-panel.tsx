import { useEffect, useRef, useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { ActionNotice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'
import type { AdminUser, RoutingConfig } from './admin-types.ts'
import { ConfirmAction } from './confirm-action.tsx'
import { PasswordResetForm } from './password-reset-form.tsx'
import { UserSettingsFields, type UserSettings } from './user-settings-fields.tsx'

/** One user's settings to change, a new password to set, and disabling them. */
export function UserEditPanel({
  user,
  options,
  onChanged,
  onClose,
}: {
  user: AdminUser
  options: Pick<RoutingConfig, 'queues' | 'skills'>
  onChanged: (message: string) => void
  onClose: () => void
}) {
  const text = useText()
  const t = text.admin.users
  const [settings, setSettings] = useState<UserSettings>({
    displayName: user.displayName,
    role: user.role,
    queues: [...user.queues],
    skills: { ...user.skills },
    capacity: user.capacity,
  })
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.focus()
    heading.current?.scrollIntoView({ block: 'nearest' })
  }, [])
  const path = `/v1/admin/users/${encodeURIComponent(user.id)}`
  const { disabled } = user

  const edit = useAction(async (change: () => Promise<unknown>, message: string) => {
    await change()
    onChanged(message)
  })
  const save = (event: SyntheticEvent) => {
    event.preventDefault()
    void edit.run(() => api.patch(path, settings), format(t.saved, { name: user.username }))
  }

  return (
    <section className="panel stack" aria-labelledby="edit-user-title">
      <div className="row spread">
        <h2 id="edit-user-title" ref={heading} tabIndex={-1}>
          {format(t.editTitle, { name: user.username })}
        </h2>
        <button type="button" className="button" onClick={onClose}>
          {text.actions.close}
        </button>
      </div>
      <ActionNotice action={edit} />
      <form className="stack" onSubmit={save}>
        <UserSettingsFields value={settings} onChange={setSettings} options={options} />
        <div>
          <button type="submit" className="button button-primary" disabled={edit.busy}>
            {text.actions.save}
          </button>
        </div>
      </form>
      <PasswordResetForm
        path={`${path}/password`}
        username={user.username}
        onReset={(message) => onChanged(message)}
      />
      <div className="row">
        {disabled ? (
          <button
            type="button"
            className="button"
            disabled={edit.busy}
            onClick={() =>
              void edit.run(
                () => api.patch(path, { disabled: false }),
                format(t.enabled, { name: user.username }),
              )
            }
          >
            {t.enable}
          </button>
        ) : (
          <ConfirmAction
            danger
            label={t.disable}
            question={format(t.disableQuestion, { name: user.username })}
            confirmLabel={t.disableConfirm}
            onConfirm={() =>
              edit.run(
                () => api.patch(path, { disabled: true }),
                format(t.disabledDone, { name: user.username }),
              )
            }
          />
        )}
      </div>
    </section>
  )
}
