import { api } from '../api/client.ts'
import type { CapturedValue } from '../api/types.ts'
import { format, useText } from '../text/use-text.ts'
import { LoadGate } from '../ui/feedback.tsx'
import { RevealValue } from '../ui/reveal-value.tsx'
import { useLoad } from '../ui/use-load.ts'
import { Figure } from './figure.tsx'

/** The parts of GET /v1/conversations/:id/customer this page reads. */
interface Captured {
  captured: CapturedValue[]
  maskedNotStored: string[]
}

/**
 * The values captured from the citizen's texts, masked as the transcript shows them, each with
 * an audited Reveal for people allowed to. Re-read when the number of texts changes: only a
 * new text captures a new value.
 */
export function CapturedValues({
  conversationId,
  messageCount,
  mayReveal,
}: {
  conversationId: string
  messageCount: number
  mayReveal: boolean
}) {
  const text = useText()
  const t = text.supervisor.transcript
  const captured = useLoad(
    () => api.get<Captured>(`/v1/conversations/${encodeURIComponent(conversationId)}/customer`),
    [conversationId, messageCount],
  )
  return (
    <section className="panel stack" aria-labelledby="captured-title">
      <h2 id="captured-title">{t.capturedTitle}</h2>
      <LoadGate loaded={captured}>
        {({ captured: values, maskedNotStored }) => (
          <>
            {values.length === 0 ? (
              <p className="muted">{t.noCaptured}</p>
            ) : (
              <dl className="sv-figures sv-facts">
                {values.map((c) => (
                  <Figure key={c.attribute} term={c.attribute}>
                    <RevealValue
                      conversationId={conversationId}
                      attribute={c.attribute}
                      mask={c.mask}
                      mayReveal={mayReveal}
                    />
                  </Figure>
                ))}
              </dl>
            )}
            {maskedNotStored.length > 0 && (
              <p className="muted">
                {format(t.maskedNotStored, { kinds: maskedNotStored.join(', ') })}
              </p>
            )}
          </>
        )}
      </LoadGate>
    </section>
  )
}
