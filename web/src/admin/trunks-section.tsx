import { useEffect, useState } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { LoadGate } from '../ui/feedback.tsx'
import { useLoad } from '../ui/use-load.ts'
import type { Trunk } from './admin-types.ts'
import { ConfiguredIn } from './configured-in.tsx'
import { formatWhen } from './format-when.ts'
import { TrunkHealth } from './trunk-health.tsx'

/** Bind and health states change on their own (an SMPP bind drops), so the list re-reads. */
const REFRESH_MS = 5000

/** Numbers and trunks from the configuration, with each trunk's live state. */
export function TrunksSection() {
  const text = useText()
  const t = text.admin.trunks
  const [readAt, setReadAt] = useState<number>()
  const trunks = useLoad(async () => {
    const { trunks: list } = await api.get<{ trunks: Trunk[] }>('/v1/admin/trunks')
    setReadAt(Date.now())
    return list
  }, [])
  const { reload } = trunks
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload])
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <ConfiguredIn />
      <p className="muted small">
        {format(t.refreshing, { s: REFRESH_MS / 1000 })}{' '}
        {readAt !== undefined && format(t.readAt, { when: new Date(readAt).toLocaleTimeString() })}
      </p>
      <LoadGate loaded={trunks}>
        {(list) => (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.columns.trunk}</th>
                  <th scope="col">{t.columns.type}</th>
                  <th scope="col">{t.columns.state}</th>
                  <th scope="col">{t.columns.senders}</th>
                  <th scope="col">{t.columns.breaker}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((trunk) => (
                  <tr key={trunk.name}>
                    <th scope="row">
                      {trunk.name}{' '}
                      {trunk.isDefault && <span className="badge">{t.defaultTrunk}</span>}
                    </th>
                    <td>{t.types[trunk.type]}</td>
                    <td>
                      <TrunkHealth trunk={trunk} />
                    </td>
                    <td>
                      <ul className="plain-list">
                        {trunk.senders.map((s) => (
                          <li key={s.number}>
                            <code>{s.number}</code> {s.label && <span>{s.label}</span>}
                          </li>
                        ))}
                      </ul>
                      {trunk.senders.length === 0 && <span className="muted">{t.noSenders}</span>}
                      {trunk.isDefault && (trunk.carries?.length ?? 0) > trunk.senders.length && (
                        <p className="muted small">
                          {format(t.carries, { numbers: (trunk.carries ?? []).join(', ') })}
                        </p>
                      )}
                      {(trunk.failoverFor?.length ?? 0) > 0 && (
                        <p className="muted small">
                          {format(t.failoverFor, {
                            programs: (trunk.failoverFor ?? []).join(', '),
                          })}
                        </p>
                      )}
                    </td>
                    <td>
                      {trunk.breaker ? (
                        <>
                          {t.breakerStates[trunk.breaker.state]}
                          {trunk.breaker.openUntil && (
                            <span className="muted small">
                              {' '}
                              {format(t.openUntil, { when: formatWhen(trunk.breaker.openUntil) })}
                            </span>
                          )}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadGate>
    </div>
  )
}
