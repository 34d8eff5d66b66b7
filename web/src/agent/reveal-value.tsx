import { useState } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'

/**
 * A captured value, masked; people allowed to (supervisors, admins) may reveal it, and the
 * server records each reveal in the audit log.
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
  const t = text.desk.customer
  const [value, setValue] = useState<string>()
  const [failure, setFailure] = useState<string>()

  const reveal = async () => {
    setFailure(undefined)
    try {
      const revealed = await api.post<{ value: string }>(
        `/v1/conversations/${conversationId}/reveal`,
        { attribute },
      )
      setValue(revealed.value)
    } catch (error) {
      setFailure(format(t.revealFailed, { message: (error as Error).message }))
    }
  }

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
          aria-label={format(t.revealLabel, { attribute })}
          onClick={() => void reveal()}
        >
          {t.reveal}
        </button>
      )}
      {failure && (
        <small className="notice-inline" role="alert">
          {failure}
        </small>
      )}
    </>
  )
}
