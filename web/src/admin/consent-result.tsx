import { format, useText } from '../text/use-text.ts'
import type { ConsentLookup } from './admin-types.ts'
import { formatWhen } from './format-when.ts'

const TONE = { opted_in: 'badge badge-ok', opted_out: 'badge badge-bad', unknown: 'badge' }

/** A number's consent per program, then every consent event, newest as stored. */
export function ConsentResult({ found }: { found: ConsentLookup }) {
  const text = useText()
  const t = text.admin.consents
  return (
    <section className="stack" aria-labelledby="consent-result-title">
      <h2 id="consent-result-title">{format(t.resultTitle, { phone: found.phone })}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.columns.program}</th>
              <th scope="col">{t.columns.status}</th>
              <th scope="col">{t.columns.since}</th>
            </tr>
          </thead>
          <tbody>
            {found.consents.map((c) => (
              <tr key={c.program}>
                <th scope="row">{c.program}</th>
                <td>
                  <span className={TONE[c.status]}>{t.statuses[c.status]}</span>
                </td>
                <td>{c.since ? formatWhen(c.since) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t.historyTitle}</h3>
      {found.events.length === 0 ? (
        <p className="muted">{t.noEvents}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.columns.when}</th>
                <th scope="col">{t.columns.program}</th>
                <th scope="col">{t.columns.action}</th>
                <th scope="col">{t.columns.source}</th>
                <th scope="col">{t.columns.evidence}</th>
                <th scope="col">{t.columns.actor}</th>
              </tr>
            </thead>
            <tbody>
              {found.events.map((e) => (
                <tr key={e.id}>
                  <td>{formatWhen(e.occurredAt)}</td>
                  <td>{e.program}</td>
                  <td>{(t.actions as Record<string, string>)[e.action] ?? e.action}</td>
                  <td>{e.source}</td>
                  <td>{e.evidence ?? '—'}</td>
                  <td>{e.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
