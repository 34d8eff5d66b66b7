import { api } from '../api/client.ts'
import { useText } from '../text/use-text.ts'
import { LoadGate } from '../ui/feedback.tsx'
import { useLoad } from '../ui/use-load.ts'
import type { Template } from './admin-types.ts'
import { TemplateDetail } from './template-detail.tsx'
import { TemplateList } from './template-list.tsx'

/** Templates: the list (with what is overdue for review), or one template when `rest` names it. */
export function TemplatesSection({ rest }: { rest: string }) {
  const text = useText()
  const templates = useLoad(
    () =>
      api.get<{ templates: Template[] }>('/v1/admin/templates').then((answer) => answer.templates),
    // re-read on each move between the list and a template: approvals may come from elsewhere
    [rest],
  )
  return (
    <LoadGate loaded={templates}>
      {(all) => {
        if (rest === '') return <TemplateList templates={all} />
        const template = all.find((t) => t.key === rest)
        if (!template) return <p>{text.admin.templates.notFound}</p>
        return <TemplateDetail template={template} onChanged={templates.reload} />
      }}
    </LoadGate>
  )
}
