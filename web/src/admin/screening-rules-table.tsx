import { format, useText } from '../text/use-text.ts'
import type { ScreeningRule } from './admin-types.ts'

/** The screening rules in order (first match wins); the rule a test matched is marked. */
export function ScreeningRulesTable({
  rules,
  matched,
}: {
  rules: readonly ScreeningRule[]
  matched: string | undefined
}) {
  const text = useText()
  const t = text.admin.rules
  return (
    <section className="stack" aria-labelledby="screening-rules-title">
      <h2 id="screening-rules-title">{t.screeningTitle}</h2>
      <p className="muted">{t.screeningIntro}</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.columns.order}</th>
              <th scope="col">{t.columns.rule}</th>
              <th scope="col">{t.columns.match}</th>
              <th scope="col">{t.columns.category}</th>
              <th scope="col">{t.columns.queue}</th>
              <th scope="col">{t.columns.priority}</th>
              <th scope="col">{t.columns.skills}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule, index) => (
              <tr key={rule.name} className={rule.name === matched ? 'row-matched' : undefined}>
                <td>{index + 1}</td>
                <th scope="row">
                  {rule.name}{' '}
                  {rule.name === matched && (
                    <span className="badge badge-ok">{t.matchedBadge}</span>
                  )}
                </th>
                <td>
                  <MatchDescription match={rule.match} />
                </td>
                <td>{rule.category}</td>
                <td>
                  <code>{rule.queue}</code>
                </td>
                <td>{rule.priority}</td>
                <td>{rule.skills.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function MatchDescription({ match }: { match: ScreeningRule['match'] }) {
  const text = useText()
  const t = text.admin.rules.matchKinds
  if (!match) return <span className="muted">{t.everything}</span>
  const lines: string[] = []
  if (match.keyword) lines.push(format(t.keyword, { words: match.keyword.join(', ') }))
  if (match.pattern) lines.push(format(t.pattern, { pattern: match.pattern }))
  if (match.from) lines.push(format(t.from, { numbers: match.from.join(', ') }))
  if (match.fromPrefix) lines.push(format(t.fromPrefix, { prefixes: match.fromPrefix.join(', ') }))
  if (match.to) lines.push(format(t.to, { numbers: match.to.join(', ') }))
  return (
    <ul className="plain-list">
      {lines.map((line) => (
        <li key={line}>
          <code>{line}</code>
        </li>
      ))}
    </ul>
  )
}
