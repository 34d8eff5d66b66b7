import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { ActionNotice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'
import type { ApiKey } from './admin-types.ts'
import { ConfirmAction } from './confirm-action.tsx'
import { formatWhen } from './format-when.ts'

/** Every key (never the secret): scopes, test or live, when made and last used; Revoke. */
export function ApiKeyTable({
  keys,
  onRevoked,
}: {
  keys: readonly ApiKey[]
  onRevoked: () => void
}) {
  const text = useText()
  const t = text.admin.apiKeys
  const revoke = useAction(async (key: ApiKey) => {
    await api.post(`/v1/admin/api-keys/${encodeURIComponent(key.id)}/revoke`)
    onRevoked()
  })
  if (keys.length === 0) return <p className="muted">{t.none}</p>
  return (
    <section className="stack" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title">{t.listTitle}</h2>
      <ActionNotice action={revoke} />
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.columns.name}</th>
              <th scope="col">{t.columns.prefix}</th>
              <th scope="col">{t.columns.scopes}</th>
              <th scope="col">{t.columns.mode}</th>
              <th scope="col">{t.columns.created}</th>
              <th scope="col">{t.columns.lastUsed}</th>
              <th scope="col">{t.columns.state}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} className={key.revokedAt ? 'row-disabled' : undefined}>
                <th scope="row">{key.name}</th>
                <td>
                  <code>{`pk_${key.test ? 'test' : 'live'}_${key.prefix}_…`}</code>
                </td>
                <td>{key.scopes.join(', ')}</td>
                <td>
                  <span className={key.test ? 'badge' : 'badge badge-warn'}>
                    {t.modes[key.test ? 'test' : 'live']}
                  </span>
                </td>
                <td>{formatWhen(key.createdAt)}</td>
                <td>{key.lastUsedAt ? formatWhen(key.lastUsedAt) : t.never}</td>
                <td>
                  {key.revokedAt ? (
                    <span className="badge badge-bad">
                      {format(t.revokedOn, { when: formatWhen(key.revokedAt) })}
                    </span>
                  ) : (
                    <ConfirmAction
                      danger
                      label={format(t.revoke, { name: key.name })}
                      question={format(t.revokeQuestion, { name: key.name })}
                      confirmLabel={t.revokeConfirm}
                      onConfirm={() => revoke.run(key)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
