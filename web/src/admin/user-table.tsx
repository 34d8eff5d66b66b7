import { useText } from '../text/use-text.ts'
import type { AdminUser, RoutingConfig } from './admin-types.ts'

/** Every user with role, queues, skills, capacity and status; Edit opens their panel. */
export function UserTable({
  users,
  options,
  editing,
  onEdit,
}: {
  users: readonly AdminUser[]
  options: Pick<RoutingConfig, 'queues' | 'skills'>
  editing: string | undefined
  onEdit: (id: string) => void
}) {
  const text = useText()
  const t = text.admin.users
  const skillName = new Map(options.skills.map((s) => [s.id, s.name]))
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{t.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.columns.name}</th>
            <th scope="col">{t.columns.role}</th>
            <th scope="col">{t.columns.queues}</th>
            <th scope="col">{t.columns.skills}</th>
            <th scope="col">{t.columns.capacity}</th>
            <th scope="col">{t.columns.status}</th>
            <th scope="col">{t.columns.actions}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const { disabled } = user
            return (
              <tr
                key={user.id}
                className={[
                  user.id === editing ? 'row-current' : '',
                  disabled ? 'row-disabled' : '',
                ]
                  .join(' ')
                  .trim()}
              >
                <th scope="row">
                  {user.displayName}
                  <br />
                  <span className="muted small">{user.username}</span>
                </th>
                <td>{text.roles[user.role]}</td>
                <td>{user.queues.length > 0 ? user.queues.join(', ') : '—'}</td>
                <td>
                  {Object.entries(user.skills)
                    .map(([id, level]) => `${skillName.get(id) ?? id} ${String(level)}`)
                    .join(', ') || '—'}
                </td>
                <td>{user.capacity}</td>
                <td>
                  {disabled ? (
                    <span className="badge badge-bad">{t.disabled}</span>
                  ) : (
                    ((text.statuses as Record<string, string>)[user.status] ?? user.status)
                  )}
                </td>
                <td>
                  <button type="button" className="button" onClick={() => onEdit(user.id)}>
                    {t.edit}
                    <span className="visually-hidden"> {user.username}</span>
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
