import { useText } from '../text/use-text.ts'
import type { RoutingConfig } from './admin-types.ts'

type Programs = NonNullable<RoutingConfig['programs']>

/** Each program's capture patterns (values kept as attributes and masked) and PII masking. */
export function CaptureRulesTable({ programs }: { programs: Programs }) {
  const text = useText()
  const t = text.admin.rules
  const rows = programs.flatMap((p) => p.captures.map((c) => ({ program: p, capture: c })))
  return (
    <section className="stack" aria-labelledby="capture-rules-title">
      <h2 id="capture-rules-title">{t.capturesTitle}</h2>
      <p className="muted">{t.capturesIntro}</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.columns.program}</th>
              <th scope="col">{t.columns.capture}</th>
              <th scope="col">{t.columns.pattern}</th>
              <th scope="col">{t.columns.attribute}</th>
              <th scope="col">{t.columns.maskedAs}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ program, capture }) => (
              <tr key={`${program.id}-${capture.name}`}>
                <td>{program.name}</td>
                <th scope="row">{capture.name}</th>
                <td>
                  <code>{capture.pattern}</code>
                </td>
                <td>
                  <code>{capture.attribute}</code>
                </td>
                <td>
                  <code>{capture.mask}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="plain-list small">
        {programs.map((p) => (
          <li key={p.id}>
            <strong>{p.name}</strong>: {t.piiMasked}{' '}
            {p.maskPii.length > 0
              ? p.maskPii.map((k) => t.result.piiKinds[k] ?? k).join(', ')
              : t.nothing}
          </li>
        ))}
      </ul>
    </section>
  )
}
