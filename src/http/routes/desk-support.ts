import { Type } from '@sinclair/typebox'
import type { App } from '../../app/compose.ts'
import type { AgentActionDeps } from '../../app/conversation-access.ts'
import type { Refusal } from '../../app/refusal.ts'
import { refusalToHttp } from '../refusal-to-http.ts'

export const StatusBody = Type.Object(
  {
    status: Type.Union([
      Type.Literal('available'),
      Type.Literal('not_ready'),
      Type.Literal('offline'),
    ]),
    reason: Type.Optional(
      Type.String({ description: 'a code from notReadyReasons; required with not_ready' }),
    ),
  },
  { additionalProperties: false },
)

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

/** Returns the value of an outcome, or throws the HTTP error registered for its refusal. */
export function unwrap<T extends { ok: true }>(outcome: T | Refusal): Omit<T, 'ok'> {
  if (!outcome.ok) throw refusalToHttp(outcome)
  const rest: Partial<T> = { ...outcome }
  delete rest.ok
  return rest as Omit<T, 'ok'>
}

/** The App as agents' actions use it. */
export function actionDeps(app: App): AgentActionDeps {
  return {
    config: app.config,
    store: app.store,
    clock: app.clock,
    random: app.random,
    events: app.events,
    acd: app.acd,
    dispatcher: app.dispatcher,
  }
}
