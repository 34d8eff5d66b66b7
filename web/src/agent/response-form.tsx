import { useState, type SyntheticEvent } from 'react'
import { previewBody } from '../../../src/domain/templates/preview-body.ts'
import { format, useText } from '../text/use-text.ts'
import type { StandardResponse } from '../api/types.ts'
import { SegmentCounter } from './segment-counter.tsx'

type Language = 'en' | 'fr'

/** What POST …/messages takes for a standard response. */
export interface StandardReply {
  template: string
  language: Language
  values: Record<string, string>
}

/** The languages a response has, English first. */
function languagesOf(response: StandardResponse): Language[] {
  return (['en', 'fr'] as const).filter((l) => response[l] !== undefined)
}

/**
 * One standard response being filled: its language, a box per ((placeholder)), and the text
 * as it will be sent, with its segments. Values Parley fills itself (my name, the
 * conversation's captured attributes, shown masked) need no typing; sending waits until
 * every placeholder has a value.
 */
export function ResponseForm({
  response,
  autoValues,
  preferredLanguage,
  onSend,
}: {
  response: StandardResponse
  autoValues: Record<string, string>
  preferredLanguage: string | undefined
  onSend: (reply: StandardReply) => Promise<void>
}) {
  const text = useText()
  const t = text.desk.responses
  const languages = languagesOf(response)
  const [language, setLanguage] = useState<Language | undefined>(
    () => languages.find((l) => l === preferredLanguage) ?? languages[0],
  )
  const [values, setValues] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const body = language ? (response[language] ?? '') : ''
  const typed = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''))
  const preview = previewBody(body, { ...autoValues, ...typed })

  const send = async (event: SyntheticEvent) => {
    event.preventDefault()
    if (!language || preview.missing.length > 0) return
    setBusy(true)
    try {
      await onSend({ template: response.key, language, values: typed })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="stack" onSubmit={(e) => void send(e)} aria-label={response.key}>
      {languages.length > 1 && (
        <label className="field responses-language">
          <span>{t.language}</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {t.languages[l] ?? l}
              </option>
            ))}
          </select>
        </label>
      )}
      {preview.placeholders.length > 0 && (
        <fieldset className="responses-values">
          <legend>{t.placeholders}</legend>
          {preview.placeholders.map((name) => (
            <label key={name} className="field">
              <span>{name}</span>
              <input
                value={values[name] ?? ''}
                placeholder={autoValues[name]}
                onChange={(e) => setValues({ ...values, [name]: e.target.value })}
              />
              {autoValues[name] !== undefined && (
                <small className="muted">{format(t.filledBy, { value: autoValues[name] })}</small>
              )}
            </label>
          ))}
        </fieldset>
      )}
      <div>
        <h4 className="responses-preview-title">{t.preview}</h4>
        <p className="responses-preview" lang={language}>
          {preview.text}
        </p>
        <SegmentCounter text={preview.text} />
        {preview.missing.length > 0 && (
          <p className="muted">{format(t.missing, { names: preview.missing.join(', ') })}</p>
        )}
      </div>
      <div>
        <button
          type="submit"
          className="button button-primary"
          disabled={busy || preview.missing.length > 0}
        >
          {t.send}
        </button>
      </div>
    </form>
  )
}
