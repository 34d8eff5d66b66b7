import { format, useText } from '../text/use-text.ts'
import { Notice } from '../ui/feedback.tsx'
import { AppLink } from '../ui/app-link.tsx'
import type { Template } from './admin-types.ts'
import { StatusBadge } from './status-badge.tsx'

const linkTo = (key: string) => `/admin/templates/${encodeURIComponent(key)}`

/** Every template with its status and review date; those overdue for review are listed first. */
export function TemplateList({ templates }: { templates: readonly Template[] }) {
  const text = useText()
  const t = text.admin.templates
  const overdue = templates.filter((template) => template.overdue)
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      {overdue.length > 0 ? (
        <Notice tone="warning">
          <strong>{format(t.overdueCount, { n: overdue.length })}</strong>{' '}
          <span className="inline-list">
            {overdue.map((template) => (
              <AppLink key={template.key} to={linkTo(template.key)}>
                {template.key}
              </AppLink>
            ))}
          </span>
        </Notice>
      ) : (
        <p className="muted">{t.noneOverdue}</p>
      )}
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.columns.key}</th>
              <th scope="col">{t.columns.category}</th>
              <th scope="col">{t.columns.owner}</th>
              <th scope="col">{t.columns.status}</th>
              <th scope="col">{t.columns.inForce}</th>
              <th scope="col">{t.columns.reviewDue}</th>
            </tr>
          </thead>
          <tbody>
            {templates.map((template) => (
              <tr key={template.key}>
                <th scope="row">
                  <AppLink to={linkTo(template.key)}>{template.key}</AppLink>
                </th>
                <td>{template.category}</td>
                <td>{template.owner}</td>
                <td>
                  <StatusBadge status={template.status} />
                </td>
                <td>
                  {template.sendableVersion === undefined
                    ? t.noneInForce
                    : format(t.versionN, { n: template.sendableVersion })}
                </td>
                <td>
                  {template.reviewDue ?? t.noReviewDate}{' '}
                  {template.overdue && <span className="badge badge-bad">{t.overdue}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
