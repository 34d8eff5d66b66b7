import { useId, useState } from 'react'
import { useText } from '../text/use-text.ts'
import type { StandardResponse } from '../api/types.ts'
import { ResponseForm, type StandardReply } from './response-form.tsx'

function matches(response: StandardResponse, query: string): boolean {
  const q = query.trim().toLowerCase()
  if (q === '') return true
  return [response.key, response.category, response.en ?? '', response.fr ?? ''].some((s) =>
    s.toLowerCase().includes(q),
  )
}

/**
 * Finds a standard response (search by name, category or words), then fills its
 * ((placeholders)) and previews it before sending (ResponseForm).
 */
export function StandardResponsePicker({
  responses,
  autoValues,
  preferredLanguage,
  onSend,
  onClose,
}: {
  responses: StandardResponse[]
  autoValues: Record<string, string>
  preferredLanguage: string | undefined
  onSend: (reply: StandardReply) => Promise<void>
  onClose: () => void
}) {
  const text = useText()
  const t = text.desk.responses
  const ids = useId()
  const [query, setQuery] = useState('')
  const [chosenKey, setChosenKey] = useState<string>()
  const found = responses.filter((r) => matches(r, query))
  const chosen = responses.find((r) => r.key === chosenKey)

  return (
    <section className="responses panel stack" aria-labelledby={`${ids}-title`}>
      <div className="row responses-head">
        <h3 id={`${ids}-title`}>{text.desk.composer.standard}</h3>
        <button type="button" className="button" onClick={onClose}>
          {t.close}
        </button>
      </div>
      {chosen ? (
        <>
          <div className="row">
            <strong>{chosen.key}</strong> <span className="badge">{chosen.category}</span>
            <button type="button" className="button" onClick={() => setChosenKey(undefined)}>
              {t.change}
            </button>
          </div>
          <ResponseForm
            key={chosen.key}
            response={chosen}
            autoValues={autoValues}
            preferredLanguage={preferredLanguage}
            onSend={onSend}
          />
        </>
      ) : (
        <>
          <label className="field">
            <span>{t.search}</span>
            <input
              type="search"
              value={query}
              autoFocus
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
          {found.length === 0 ? (
            <p className="muted">{t.none}</p>
          ) : (
            <ul className="responses-list">
              {found.map((r) => (
                <li key={r.key}>
                  <button
                    type="button"
                    className="responses-item"
                    onClick={() => setChosenKey(r.key)}
                  >
                    <strong>{r.key}</strong> <span className="badge">{r.category}</span>
                    <span className="muted responses-body">{r.en ?? r.fr}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
