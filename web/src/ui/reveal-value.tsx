import { useState } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { useAction } from './use-action.ts'

/**
 * A captured value, masked; people allowed to (supervisors, admins) may reveal it, and the
 * server records each reveal in the audit log. The agent desk's customer panel and the
 * supervisors' transcript page both show captured values through this.
 * @example <RevealValue conversationId="c1" attribute="bceidUser" mask="[user id]" mayReveal />
 */
export function RevealValue({
  conversationId,
  attribute,
  mask,
  mayReveal,
}: {
  conversationId: string
  attribute: string
  mask: string
  mayReveal: boolean
}) {
  const text = useText()
  const t = text.reveal
  const [value, setValue] = useState<string>()
  const reveal = useAction(
    async () => {
      const revealed = await api.post<{ value: string }>(
        `/v1/conversations/${encodeURIComponent(conversationId)}/reveal`,
        { attribute },
      )
      setValue(revealed.value)
    },
    { describe: t.failed },
  )

  if (value !== undefined)
    return (
      <>
        <code>{value}</code> <small className="muted">{t.revealed}</small>
      </>
    )
  return (
    <>
      <code>{mask}</code>{' '}
      {mayReveal && (
        <button
          type="button"
          className="button button-small"
          aria-label={format(t.label, { attribute })}
          disabled={reveal.busy}
          onClick={() => void reveal.run()}
        >
          {t.action}
        </button>
      )}
      {reveal.failure && (
        <small className="notice-inline" role="alert">
          {reveal.failure}
        </small>
      )}
    </>
  )
}
