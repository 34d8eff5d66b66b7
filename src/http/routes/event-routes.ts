import websocket from '@fastify/websocket'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { App } from '../../app/compose.ts'
import { isInAudience } from '../../app/event-audience.ts'
import { authenticateSession, isSessionToken } from '../../app/sign-in.ts'
import { HttpError } from '../error-codes.ts'
import { sessionTokenOf } from '../session-auth.ts'

/** A client this far behind is cut off rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024
/** WebSocket close code 1013 "try again later": the client reconnects and reads the desk again. */
const TRY_AGAIN_LATER = 1013

const Query = Type.Object({ token: Type.Optional(Type.String({ maxLength: 100 })) })

/**
 * GET /v1/events, a WebSocket of live conversation and agent events (JSON, one per message,
 * after a first `{ "kind": "hello" }`). Signed in with the session cookie, a bearer session
 * token, or `?token=` (browsers cannot set headers on a WebSocket). Each person receives what
 * isInAudience lets them: an agent their own offers and status and their queues' changes,
 * supervisors everything. Events are sent only after they are stored; a client that reconnects
 * reads GET /v1/conversations for what it missed.
 */
export function eventRoutes(app: App) {
  const deps = { store: app.store, clock: app.clock }
  const authenticate = async (request: FastifyRequest<{ Querystring: { token?: string } }>) => {
    const query = request.query.token
    const token = query !== undefined && isSessionToken(query) ? query : sessionTokenOf(request)
    const signedIn = token ? await authenticateSession(deps, token) : undefined
    if (!signedIn) throw new HttpError('unauthorized', 'sign in first (POST /v1/sessions)')
    request.user = signedIn.user
  }
  return async (server: FastifyInstance) => {
    await server.register(websocket, { options: { maxPayload: 4096 } })
    server.get<{ Querystring: { token?: string } }>(
      '/v1/events',
      {
        websocket: true,
        preValidation: authenticate,
        schema: { tags: ['agents'], summary: 'Live events (WebSocket)', querystring: Query },
      },
      (socket, request) => {
        const user = request.user
        if (!user) return socket.close(1008, 'unauthorized')
        const holdWrites = writeHolder(socket)
        const unsubscribe = app.events.subscribe((event) => {
          if (!isInAudience(user, event)) return
          if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
            socket.close(TRY_AGAIN_LATER, 'too far behind')
            return
          }
          holdWrites()
          socket.send(JSON.stringify(event))
        })
        socket.on('close', unsubscribe)
        socket.send(JSON.stringify({ kind: 'hello', userId: user.id, role: user.role }))
      },
    )
  }
}

/**
 * Holds a socket's writes until the current tick ends, so the events published together (a
 * routing cycle's offers, a batch's new conversations) leave in one write, not a system call and
 * a TCP segment each. With one supervisor watching at 1,000 texts/s, `writev` fell from 7.5 % to
 * 4.0 % of the server's main thread (`npm run bench -- inbound`, CPU profile). ws keeps its TCP
 * socket in `_socket`; without one, writes go out one by one as before.
 */
function writeHolder(socket: object): () => void {
  const raw = (socket as { _socket?: { cork?: () => void; uncork?: () => void } })._socket
  let holding = false
  return () => {
    if (holding || !raw?.cork || !raw.uncork) return
    holding = true
    raw.cork()
    process.nextTick(() => {
      holding = false
      raw.uncork?.()
    })
  }
}
