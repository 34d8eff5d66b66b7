import type { TemplateStatus, TemplateVersion } from './template-version.ts'

export type TemplateAction = 'approve' | 'retire' | 'revise'

/**
 * The allowed status changes, as data so an admin UI can show only the possible actions.
 * - approve: a draft becomes sendable.
 * - revise: editing puts any version back to draft, so changed wording is never sent before
 *   it is approved again (a retired text can be revived the same way).
 * - retire: stops a draft or approved version being used; retired is otherwise final.
 */
export const TEMPLATE_TRANSITIONS: Readonly<
  Record<TemplateStatus, Readonly<Partial<Record<TemplateAction, TemplateStatus>>>>
> = Object.freeze({
  draft: Object.freeze({ approve: 'approved', revise: 'draft', retire: 'retired' }),
  approved: Object.freeze({ revise: 'draft', retire: 'retired' }),
  retired: Object.freeze({ revise: 'draft' }),
})

export type TransitionResult =
  | { readonly ok: true; readonly status: TemplateStatus }
  | {
      readonly ok: false
      readonly reason: 'transition_not_allowed'
      readonly from: TemplateStatus
      readonly action: TemplateAction
    }

/**
 * Applies an action to a template status, per TEMPLATE_TRANSITIONS.
 * @example transitionTemplate('draft', 'approve') // { ok: true, status: 'approved' }
 * @example transitionTemplate('retired', 'approve') // { ok: false, reason: 'transition_not_allowed', … }
 */
export function transitionTemplate(
  status: TemplateStatus,
  action: TemplateAction,
): TransitionResult {
  const next = TEMPLATE_TRANSITIONS[status][action]
  if (next === undefined)
    return { ok: false, reason: 'transition_not_allowed', from: status, action }
  return { ok: true, status: next }
}

/**
 * Only an approved version may be sent; drafts are unreviewed and retired text is withdrawn.
 * @example canSend({ status: 'draft', … }) // false
 */
export function canSend(version: Pick<TemplateVersion, 'status'>): boolean {
  return version.status === 'approved'
}
