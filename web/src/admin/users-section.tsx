import { useState } from 'react'
import { api } from '../api/client.ts'
import { useText } from '../text/use-text.ts'
import { LoadGate, Notice } from '../ui/feedback.tsx'
import { useLoad } from '../ui/use-load.ts'
import type { AdminUser, RoutingConfig } from './admin-types.ts'
import { NewUserForm } from './new-user-form.tsx'
import { UserEditPanel } from './user-edit-panel.tsx'
import { UserTable } from './user-table.tsx'

type Choices = Pick<RoutingConfig, 'queues' | 'skills'>

/** People who sign in: list, add, change routing settings and role, disable, reset password. */
export function UsersSection() {
  const text = useText()
  const t = text.admin.users
  const users = useLoad(
    () => api.get<{ users: AdminUser[] }>('/v1/admin/users').then((answer) => answer.users),
    [],
  )
  const choices = useLoad(() => api.get<Choices>('/v1/admin/routing'), [])
  const [editing, setEditing] = useState<string>()
  const [adding, setAdding] = useState(false)
  const [done, setDone] = useState<string>()
  const changed = (message: string) => {
    setDone(message)
    users.reload()
  }
  return (
    <div className="stack">
      <div className="row spread">
        <h1>{t.title}</h1>
        {!adding && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setAdding(true)
              setEditing(undefined)
            }}
          >
            {t.add}
          </button>
        )}
      </div>
      {done && <Notice tone="success">{done}</Notice>}
      <LoadGate loaded={choices}>
        {(options) => (
          <>
            {adding && (
              <NewUserForm
                options={options}
                onAdded={(message) => {
                  setAdding(false)
                  changed(message)
                }}
                onCancel={() => setAdding(false)}
              />
            )}
            <LoadGate loaded={users}>
              {(list) => {
                const user = list.find((u) => u.id === editing)
                return (
                  <>
                    <UserTable
                      users={list}
                      options={options}
                      editing={editing}
                      onEdit={(id) => {
                        setEditing(id)
                        setAdding(false)
                        setDone(undefined)
                      }}
                    />
                    {user && (
                      <UserEditPanel
                        key={user.id}
                        user={user}
                        options={options}
                        onChanged={changed}
                        onClose={() => setEditing(undefined)}
                      />
                    )}
                  </>
                )
              }}
            </LoadGate>
          </>
        )}
      </LoadGate>
    </div>
  )
}
