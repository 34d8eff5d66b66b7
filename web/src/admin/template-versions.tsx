import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { ActionNotice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'
import type { TemplateVersion } from './admin-types.ts'
import { ConfirmAction } from './confirm-action.tsx'
import { formatWhen } from './format-when.ts'
import { StatusBadge } from './status-badge.tsx'

/** A template's versions, newest first: show one in the preview, approve a draft. */
export function TemplateVersions({
  templateKey,
  versions,
  shown,
  onShow,
  onApproved,
}: {
  templateKey: string
  versions: readonly TemplateVersion[]
  shown: number | undefined
  onShow: (version: number) => void
  onApproved: () => void
}) {
  const text = useText()
  const t = text.admin.templates
  const approve = useAction(async (version: number) => {
    const path = `/v1/admin/templates/${encodeURIComponent(templateKey)}/versions/${String(version)}/approve`
    await api.post(path)
    onApproved()
    return format(t.approved, { n: version })
  })

  return (
    <section className="stack" aria-labelledby="template-versions-title">
      <h2 id="template-versions-title">{t.versionsTitle}</h2>
      <ActionNotice action={approve} />
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.columns.version}</th>
              <th scope="col">{t.columns.status}</th>
              <th scope="col">{t.columns.reviewDue}</th>
              <th scope="col">{t.columns.approvedBy}</th>
              <th scope="col">{t.columns.actions}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} className={v.version === shown ? 'row-current' : undefined}>
                <th scope="row">{format(t.versionN, { n: v.version })}</th>
                <td>
                  <StatusBadge status={v.status} />
                </td>
                <td>{v.reviewDue ?? t.noReviewDate}</td>
                <td>
                  {v.approvedBy
                    ? format(t.approvedByOn, {
                        who: v.approvedBy,
                        when: v.approvedAt ? formatWhen(v.approvedAt) : '',
                      })
                    : '—'}
                </td>
                <td className="row actions">
                  {versions.length > 1 && (
                    <button
                      type="button"
                      className="button"
                      aria-pressed={v.version === shown}
                      onClick={() => onShow(v.version)}
                    >
                      {format(t.showVersion, { n: v.version })}
                    </button>
                  )}
                  {(v.canApprove ?? v.status === 'draft') && (
                    <ConfirmAction
                      label={format(t.approveVersion, { n: v.version })}
                      question={format(t.approveQuestion, { n: v.version, key: templateKey })}
                      confirmLabel={t.approve}
                      onConfirm={() => approve.run(v.version)}
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
