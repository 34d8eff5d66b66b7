import { useText } from '../text/use-text.ts'
import type { StandardResponse } from '../api/types.ts'

/** The approved templates agents may reply with, English and French side by side. */
export function StandardResponsesTable({ responses }: { responses: readonly StandardResponse[] }) {
  const text = useText()
  const t = text.admin.routing
  return (
    <section className="stack" aria-labelledby="admin-responses-title">
      <h2 id="admin-responses-title">{t.standardResponses}</h2>
      <p className="muted">{t.standardResponsesIntro}</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.columns.key}</th>
              <th scope="col">{text.admin.templates.languages.en}</th>
              <th scope="col">{text.admin.templates.languages.fr}</th>
            </tr>
          </thead>
          <tbody>
            {responses.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  {r.key}
                  <br />
                  <span className="muted small">{r.category}</span>
                </th>
                <td lang="en">{r.en ?? '—'}</td>
                <td lang="fr">{r.fr ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
