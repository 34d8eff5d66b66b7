import { transitionTemplate } from '../domain/templates/transition-template.ts'
import { appendAuditEvent } from '../store/audit-events.ts'
import type { Store } from '../store/connect.ts'
import { approveDraftVersion, getTemplateVersion } from '../store/templates.ts'
import type { User } from './manage-users.ts'
import type { Clock, Random } from './ports.ts'
import { refuse, type Refusal } from './refusal.ts'

export type ApproveTemplateRefusal = Refusal<
  'template_version_not_found' | 'template_transition_not_allowed'
>

/**
 * Approves a draft template version: from now on texts for that key are sent from it (the
 * newest approved version is the one in force). Records the approver (username) and time on
 * the version and a `template.approve` audit event. The configuration only seeds version 1;
 * approvals live in the store (see sync-templates.ts).
 * @example await approveTemplate(deps, admin, { key: 'case_update', version: 2 }) // { ok: true, approvedBy: 'ana', approvedAt: 1795… }
 */
export async function approveTemplate(
  deps: { store: Store; clock: Clock; random: Random },
  approver: Pick<User, 'id' | 'username'>,
  target: { key: string; version: number },
): Promise<{ ok: true; approvedBy: string; approvedAt: number } | ApproveTemplateRefusal> {
  const db = deps.store.db
  const found = await getTemplateVersion(db, target.key, target.version)
  if (!found)
    return refuse(
      'template_version_not_found',
      `no version ${target.version} of template ${target.key}`,
    )
  const now = deps.clock.now()
  const allowed = transitionTemplate(found.status, 'approve')
  if (
    !allowed.ok ||
    !(await approveDraftVersion(db, { ...target, by: approver.username, at: now }))
  )
    return refuse(
      'template_transition_not_allowed',
      `version ${target.version} of ${target.key} is ${found.status}; only a draft can be approved`,
      { status: found.status },
    )
  await appendAuditEvent(db, {
    id: deps.random.id(),
    actor: `user:${approver.id}`,
    action: 'template.approve',
    subject: `template:${target.key}`,
    data: { version: target.version, approvedBy: approver.username },
    occurredAt: now,
  })
  return { ok: true, approvedBy: approver.username, approvedAt: now }
}
