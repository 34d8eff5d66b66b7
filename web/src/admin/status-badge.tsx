import { useText } from '../text/use-text.ts'
import type { TemplateStatus } from './admin-types.ts'

const TONE: Record<TemplateStatus, string> = {
  approved: 'badge badge-ok',
  draft: 'badge badge-warn',
  retired: 'badge',
}

/** A template version's status as a coloured word. */
export function StatusBadge({ status }: { status: TemplateStatus }) {
  const text = useText()
  return <span className={TONE[status]}>{text.admin.templates.statuses[status]}</span>
}
