import { useEffect, useRef, useState } from 'react'
import { format, useText } from '../text/use-text.ts'
import type { CreatedApiKey } from './admin-types.ts'

/**
 * The new key, shown this once with a copy button: only its hash is kept, so closing this
 * loses it for good. Focus moves here so keyboard and screen-reader users find it at once.
 */
export function CreatedKeyNotice({
  created,
  onDone,
}: {
  created: CreatedApiKey
  onDone: () => void
}) {
  const text = useText()
  const t = text.admin.apiKeys
  const [copied, setCopied] = useState<'yes' | 'failed'>()
  const field = useRef<HTMLInputElement>(null)
  useEffect(() => {
    field.current?.focus()
    field.current?.select()
  }, [])
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key)
      setCopied('yes')
    } catch {
      // clipboard refused (no permission, insecure origin): the selected text still copies by hand
      field.current?.select()
      setCopied('failed')
    }
  }
  return (
    <section className="notice notice-success stack" aria-labelledby="created-key-title">
      <h2 id="created-key-title">{format(t.createdTitle, { name: created.apiKey.name })}</h2>
      <p>
        <strong>{t.shownOnce}</strong>
      </p>
      <div className="row">
        <label className="field key-field">
          <span>{t.theKey}</span>
          <input ref={field} readOnly value={created.key} spellCheck={false} />
        </label>
        <button
          type="button"
          className="button button-primary align-end"
          onClick={() => void copy()}
        >
          {t.copy}
        </button>
      </div>
      <p role="status" className="small">
        {copied === 'yes' ? t.copied : copied === 'failed' ? t.copyFailed : ''}
      </p>
      <div>
        <button type="button" className="button" onClick={onDone}>
          {t.storedIt}
        </button>
      </div>
    </section>
  )
}
