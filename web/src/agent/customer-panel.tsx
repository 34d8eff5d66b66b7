import type { ReactNode } from 'react'
import { format, useText } from '../text/use-text.ts'
import { LoadGate } from '../ui/feedback.tsx'
import { RevealValue } from '../ui/reveal-value.tsx'
import type { Loaded } from '../ui/use-load.ts'
import type { CustomerPanelData } from './desk-types.ts'
import { formatTime } from './format-time.ts'

/** A value from the CRM or an attribute, as text (objects as compact JSON). */
function show(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/** Consent per program, the conversation's own program first. */
function consentsFirstOf(p: CustomerPanelData): CustomerPanelData['consents'] {
  const own = p.consents.filter((c) => c.program === p.conversation.program)
  return [...own, ...p.consents.filter((c) => c.program !== p.conversation.program)]
}

const CONSENT_TONE: Record<string, string> = {
  opted_in: 'badge-ok',
  opted_out: 'badge-bad',
  unknown: '',
}

/**
 * Who the customer is and what Parley knows: contact, consent per program, what screening made
 * of the conversation (captured values stay masked), the CRM's screen pop, earlier conversations.
 */
export function CustomerPanel({
  panel,
  mayReveal,
  queueName,
  dispositionLabel,
}: {
  panel: Loaded<CustomerPanelData>
  mayReveal: boolean
  queueName: (id: string | undefined) => string
  dispositionLabel: (code: string) => string
}) {
  const text = useText()
  const t = text.desk.customer
  return (
    <LoadGate loaded={panel}>
      {(p) => (
        <div className="customer stack">
          <section aria-labelledby="customer-contact">
            <h3 id="customer-contact">{t.contact}</h3>
            <dl className="facts">
              <dt>{t.phone}</dt>
              <dd>{p.contact.phone}</dd>
              <dt>{t.name}</dt>
              <dd>{p.contact.name ?? <span className="muted">{t.unknown}</span>}</dd>
              <dt>{t.email}</dt>
              <dd>{p.contact.email ?? <span className="muted">{t.unknown}</span>}</dd>
              <dt>{t.language}</dt>
              <dd>{p.contact.language ?? <span className="muted">{t.unknown}</span>}</dd>
            </dl>
          </section>
          <section aria-labelledby="customer-consent">
            <h3 id="customer-consent">{t.consent}</h3>
            <ul className="plain-list">
              {consentsFirstOf(p).map((c) => (
                <li key={c.program}>
                  {c.program === p.conversation.program ? <strong>{c.program}</strong> : c.program}{' '}
                  <span className={`badge ${CONSENT_TONE[c.status] ?? ''}`}>
                    {t.consentStatus[c.status] ?? c.status}
                  </span>
                  {c.since !== undefined && <small className="muted"> {formatTime(c.since)}</small>}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="customer-screening">
            <h3 id="customer-screening">{t.screening}</h3>
            {p.conversation.flagged && <p className="badge badge-warn">{t.flagged}</p>}
            <dl className="facts">
              <dt>{t.category}</dt>
              <dd>{p.conversation.category ?? '—'}</dd>
              <dt>{t.queue}</dt>
              <dd>{p.conversation.queueName ?? queueName(p.conversation.queueId)}</dd>
              <dt>{t.priority}</dt>
              <dd>{p.conversation.priority}</dd>
              <dt>{t.skills}</dt>
              <dd>{p.conversation.requiredSkills.join(', ') || t.noSkills}</dd>
              {p.captured.map((c) => (
                <Fact key={c.attribute} name={c.attribute}>
                  <RevealValue
                    conversationId={p.conversation.id}
                    attribute={c.attribute}
                    mask={c.mask}
                    mayReveal={mayReveal}
                  />
                </Fact>
              ))}
              {Object.entries(p.attributes).map(([name, value]) => (
                <Fact key={name} name={name}>
                  {show(value)}
                </Fact>
              ))}
            </dl>
            {p.maskedNotStored.length > 0 && (
              <p className="muted">
                {format(t.maskedNotStored, { kinds: p.maskedNotStored.join(', ') })}
              </p>
            )}
          </section>
          <section aria-labelledby="customer-crm">
            <h3 id="customer-crm">{t.crm}</h3>
            {p.screenPop && Object.keys(p.screenPop).length > 0 ? (
              <dl className="facts">
                {Object.entries(p.screenPop).map(([name, value]) => (
                  <Fact key={name} name={name}>
                    {show(value)}
                  </Fact>
                ))}
              </dl>
            ) : (
              <p className="muted">{t.noCrm}</p>
            )}
          </section>
          <section aria-labelledby="customer-earlier">
            <h3 id="customer-earlier">{t.earlier}</h3>
            {p.history.length === 0 ? (
              <p className="muted">{t.noEarlier}</p>
            ) : (
              <ul className="plain-list earlier">
                {p.history.map((h) => (
                  <li key={h.id}>
                    <strong>{formatTime(h.startedAt)}</strong> · {queueName(h.queueId)}
                    {h.disposition && (
                      <> · {format(t.disposition, { label: dispositionLabel(h.disposition) })}</>
                    )}
                    {h.lastText && <p className="earlier-text">{h.lastText.preview}</p>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </LoadGate>
  )
}

/** One name and its value in a definition list. */
function Fact({ name, children }: { name: string; children: ReactNode }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </>
  )
}
