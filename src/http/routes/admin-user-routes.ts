import { Type, type Static } from '@sinclair/typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import { addUser, listUsers, MAX_CAPACITY, type User } from '../../app/manage-users.ts'
import { resetPassword, updateUser } from '../../app/update-user.ts'
import { signedInUser } from '../session-auth.ts'
import { actionDeps, unwrap } from './desk-support.ts'
import { IdParams, Iso, Queues, requireAdmin, Role, Skills } from './admin-support.ts'

const Capacity = Type.Integer({
  minimum: 1,
  maximum: MAX_CAPACITY,
  description: 'concurrent conversations',
})
const AdminUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  skills: Skills,
  queues: Type.Array(Type.String()),
  capacity: Type.Integer(),
  status: Type.Union(['available', 'busy', 'not_ready', 'offline'].map((s) => Type.Literal(s))),
  notReadyReason: Type.Optional(Type.String()),
  statusSince: Iso,
  createdAt: Iso,
  disabled: Type.Boolean(),
  disabledAt: Type.Optional(Iso),
})
const NewUser = Type.Object(
  {
    username: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'lower-case letters, digits, ".", "_", "@", "-"',
    }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    role: Role,
    password: Type.String({ minLength: 1, maxLength: 1024, description: 'at least 12 characters' }),
    queues: Type.Optional(Queues),
    skills: Type.Optional(Skills),
    capacity: Type.Optional(Capacity),
  },
  { additionalProperties: false },
)
const UserChange = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(Role),
    queues: Type.Optional(Queues),
    skills: Type.Optional(Skills),
    capacity: Type.Optional(Capacity),
    disabled: Type.Optional(
      Type.Boolean({ description: 'true: no sign-in, sessions end, offline; false: enabled' }),
    ),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'only the fields given change; queues and skills replace the current ones',
  },
)
const NewPassword = Type.Object(
  {
    password: Type.String({ minLength: 1, maxLength: 1024, description: 'at least 12 characters' }),
  },
  { additionalProperties: false },
)

function adminUser(user: User): Static<typeof AdminUser> {
  const iso = (ms: number) => new Date(ms).toISOString()
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    skills: user.skills,
    queues: user.queues,
    capacity: user.capacity,
    status: user.status,
    ...(user.notReadyReason === undefined ? {} : { notReadyReason: user.notReadyReason }),
    statusSince: iso(user.statusSince),
    createdAt: iso(user.createdAt),
    disabled: user.disabledAt !== undefined,
    ...(user.disabledAt === undefined ? {} : { disabledAt: iso(user.disabledAt) }),
  }
}

/** The people who sign in: list, add, change (queues, skills, role, disable) and set a password. */
export function adminUserRoutes(app: App) {
  const admin = requireAdmin(app)
  const deps = actionDeps(app)
  return (instance: FastifyInstance) => {
    const server = instance.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['administration']
    server.get(
      '/v1/admin/users',
      {
        onRequest: admin,
        schema: {
          tags,
          summary: 'Every user, disabled ones included, by username',
          response: { 200: Type.Object({ users: Type.Array(AdminUser) }) },
        },
      },
      async () => ({ users: (await listUsers(deps)).map(adminUser) }),
    )
    server.post(
      '/v1/admin/users',
      {
        onRequest: admin,
        schema: {
          tags,
          summary: 'Add a person who signs in (agent, supervisor or admin)',
          body: NewUser,
          response: { 201: AdminUser },
        },
      },
      async (request, reply) => {
        const actor = `user:${signedInUser(request).id}`
        const { user } = unwrap(await addUser(deps, request.body, actor))
        return reply.status(201).send(adminUser(user))
      },
    )
    server.patch(
      '/v1/admin/users/:id',
      {
        onRequest: admin,
        schema: {
          tags,
          summary: "Change a user's name, role, queues, skills, capacity, or disable them",
          params: IdParams,
          body: UserChange,
          response: { 200: AdminUser },
        },
      },
      async (request) => {
        const changed = unwrap(
          await updateUser(deps, signedInUser(request), request.params.id, request.body),
        )
        return adminUser(changed.user)
      },
    )
    server.post(
      '/v1/admin/users/:id/password',
      {
        onRequest: admin,
        schema: {
          tags,
          summary: "Set a user's password; every session of theirs ends",
          params: IdParams,
          body: NewPassword,
          response: { 200: Type.Object({ sessionsRevoked: Type.Integer() }) },
        },
      },
      async (request) =>
        unwrap(
          await resetPassword(
            deps,
            signedInUser(request),
            request.params.id,
            request.body.password,
          ),
        ),
    )
  }
}
