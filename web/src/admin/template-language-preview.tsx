import { useId, useState } from 'react'
import { previewBody } from '../../../src/domain/templates/preview-body.ts'
import { format, useText } from '../text/use-text.ts'
import { Notice } from '../ui/feedback.tsx'
import type { TemplateBody } from './admin-types.ts'
import { PreviewParts } from './preview-parts.tsx'
import { SegmentSummary } from './segment-summary.tsx'
import { ServerCheck } from './server-check.tsx'
import { Ucs2Warning } from './ucs2-warning.tsx'

/**
 * One language of a template version: its text (editable here to try wording; edits are not
 * saved), counted as you type with the same code the server bills with, then confirmed by the
 * server's preview.
 */
export function TemplateLanguagePreview({
  language,
  stored,
  values,
}: {
  language: 'en' | 'fr'
  stored: TemplateBody
  values: Record<string, string>
}) {
  const text = useText()
  const t = text.admin.templates
  const id = useId()
  const [body, setBody] = useState(stored.body)
  const preview = previewBody(body, values)
  const languageName = t.languages[language]
  return (
    <section className="panel stack language-column" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{languageName}</h3>
      <label className="field">
        <span>{format(t.bodyLabel, { language: languageName })}</span>
        <textarea
          lang={language}
          rows={4}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-describedby={`${id}-summary`}
        />
      </label>
      {body !== stored.body && (
        <div className="row">
          <span className="badge badge-warn">{t.editedNotSaved}</span>
          <button type="button" className="button" onClick={() => setBody(stored.body)}>
            {format(t.resetText, { language: languageName })}
          </button>
        </div>
      )}
      <SegmentSummary id={`${id}-summary`} count={preview} />
      <Ucs2Warning languageName={languageName} count={preview} />
      {preview.missing.length > 0 && (
        <Notice tone="info">
          {format(t.missingValues, { names: preview.missing.join(', ') })}
        </Notice>
      )}
      <h4>{t.previewHeading}</h4>
      <PreviewParts parts={preview.parts} language={language} />
      <ServerCheck body={body} values={values} local={preview} />
    </section>
  )
}
