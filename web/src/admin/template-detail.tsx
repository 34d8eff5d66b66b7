import { useState } from 'react'
import { format, useText } from '../text/use-text.ts'
import { AppLink } from '../ui/app-link.tsx'
import type { Template } from './admin-types.ts'
import { SampleValues, useSampleValues } from './sample-values.tsx'
import { StatusBadge } from './status-badge.tsx'
import { TemplateLanguagePreview } from './template-language-preview.tsx'
import { TemplateVersions } from './template-versions.tsx'

/**
 * One template: its versions (with Approve), and the chosen version's English and French side
 * by side, each with a live preview filled with sample values that can be edited.
 */
export function TemplateDetail({
  template,
  onChanged,
}: {
  template: Template
  onChanged: () => void
}) {
  const text = useText()
  const t = text.admin.templates
  const newest = template.versions[0]?.version
  const [chosen, setChosen] = useState(newest)
  const version = template.versions.find((v) => v.version === chosen) ?? template.versions[0]
  const bodies = [version?.en?.body, version?.fr?.body].filter((b) => b !== undefined)
  const [values, setValue] = useSampleValues(bodies)
  return (
    <div className="stack">
      <p>
        <AppLink to="/admin/templates">{t.backToList}</AppLink>
      </p>
      <h1>{format(t.detailTitle, { key: template.key })}</h1>
      <dl className="facts">
        <div>
          <dt>{t.columns.category}</dt>
          <dd>{template.category}</dd>
        </div>
        <div>
          <dt>{t.columns.owner}</dt>
          <dd>{template.owner}</dd>
        </div>
        <div>
          <dt>{t.columns.status}</dt>
          <dd>
            <StatusBadge status={template.status} />
          </dd>
        </div>
        <div>
          <dt>{t.columns.reviewDue}</dt>
          <dd>
            {template.reviewDue ?? t.noReviewDate}{' '}
            {template.overdue && <span className="badge badge-bad">{t.overdue}</span>}
          </dd>
        </div>
      </dl>
      {version && (
        <section className="stack" aria-labelledby="template-preview-title">
          <h2 id="template-preview-title">
            {format(t.previewTitle, { n: version.version })} <StatusBadge status={version.status} />
          </h2>
          <p className="muted">{t.previewIntro}</p>
          <SampleValues values={values} onChange={setValue} />
          <div className="side-by-side">
            {(['en', 'fr'] as const).map((language) => {
              const body = version[language]
              return body ? (
                <TemplateLanguagePreview
                  key={`${String(version.version)}-${language}`}
                  language={language}
                  stored={body}
                  values={values}
                />
              ) : (
                <section key={language} className="panel">
                  <h3>{t.languages[language]}</h3>
                  <p className="muted">{t.noVariant}</p>
                </section>
              )
            })}
          </div>
        </section>
      )}
      <TemplateVersions
        templateKey={template.key}
        versions={template.versions}
        shown={version?.version}
        onShow={setChosen}
        onApproved={onChanged}
      />
    </div>
  )
}
