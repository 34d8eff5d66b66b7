import { Type, type Static } from '@sinclair/typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import type { User } from '../../app/manage-users.ts'
import { signIn, signOut } from '../../app/sign-in.ts'
import { HttpError } from '../error-codes.ts'
import { clearedSessionCookie, requireUser, sessionCookie, signedInUser } from '../session-auth.ts'

const SignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
)

export const UserBody = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.Union([Type.Literal('agent'), Type.Literal('supervisor'), Type.Literal('admin')]),
  skills: Type.Record(Type.String(), Type.Integer({ minimum: 1, maximum: 5 }), {
    description: 'skill id → proficiency 1–5',
  }),
  queues: Type.Array(Type.String(), { description: 'queue ids served' }),
  capacity: Type.Integer({ description: 'concurrent conversations' }),
  status: Type.Union(['available', 'busy', 'not_ready', 'offline'].map((s) => Type.Literal(s))),
})

const SessionBody = Type.Object({
  token: Type.String({
    description: 'send as "Authorization: Bearer <token>"; shown once, ends after 12 h unused',
  }),
  user: UserBody,
})

function userBody(user: User): Static<typeof UserBody> {
  const { id, username, displayName, role, skills, queues, capacity, status } = user
  return { id, username, displayName, role, skills, queues, capacity, status }
}

/**
 * Sign-in for people: POST /v1/sessions opens a session (token in the body
 * and an HttpOnly cookie), DELETE /v1/sessions/current ends it, GET /v1/me
 * tells who is signed in.
 */
export function sessionRoutes(app: App) {
  const deps = { config: app.config, store: app.store, clock: app.clock, random: app.random }
  return (instance: FastifyInstance) => {
    const server = instance.withTypeProvider<TypeBoxTypeProvider>()
    server.post(
      '/v1/sessions',
      {
        schema: {
          tags: ['sessions'],
          summary: 'Sign in with username and password',
          body: SignInBody,
          response: { 201: SessionBody },
        },
      },
      async (request, reply) => {
        const result = await signIn(deps, request.body, { ip: request.ip })
        if (!result.ok) throw new HttpError('invalid_credentials', result.message)
        return reply
          .status(201)
          .header('cache-control', 'no-store')
          .header('set-cookie', sessionCookie(app, result.token))
          .send({ token: result.token, user: userBody(result.user) })
      },
    )
    server.delete(
      '/v1/sessions/current',
      {
        preHandler: requireUser(app),
        schema: {
          tags: ['sessions'],
          summary: 'Sign out: end the session this request carries',
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        if (request.sessionToken) await signOut(deps, request.sessionToken)
        return reply.status(204).header('set-cookie', clearedSessionCookie(app)).send(null)
      },
    )
    server.get(
      '/v1/me',
      {
        preHandler: requireUser(app),
        schema: {
          tags: ['sessions'],
          summary: 'The signed-in person',
          response: { 200: UserBody },
        },
      },
      (request) => userBody(signedInUser(request)),
    )
  }
}
