import { useEffect, useRef, useState } from 'react'
import { useText } from '../text/use-text.ts'

/**
 * A button that asks before acting: the first press shows the question with Confirm and
 * Cancel in place (no modal dialog to trap focus), and focus moves to the question's Confirm.
 * @example <ConfirmAction label="Revoke" question="Revoke crm?" confirmLabel="Revoke key" onConfirm={revoke} danger />
 */
export function ConfirmAction({
  label,
  question,
  confirmLabel,
  onConfirm,
  danger = false,
}: {
  label: string
  question: string
  confirmLabel: string
  onConfirm: () => Promise<unknown>
  danger?: boolean
}) {
  const text = useText()
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const confirmButton = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (asking) confirmButton.current?.focus()
  }, [asking])
  const tone = danger ? 'button button-danger' : 'button button-primary'
  if (!asking)
    return (
      <button type="button" className={tone} onClick={() => setAsking(true)}>
        {label}
      </button>
    )
  const confirm = async () => {
    setBusy(true)
    try {
      await onConfirm()
    } finally {
      setBusy(false)
      setAsking(false)
    }
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        ref={confirmButton}
        type="button"
        className={tone}
        disabled={busy}
        onClick={() => void confirm()}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button" onClick={() => setAsking(false)}>
        {text.actions.cancel}
      </button>
    </span>
  )
}
