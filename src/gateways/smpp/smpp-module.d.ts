// Minimal ambient types for the `smpp` package (v0.5.x, farhadi/node-smpp), covering only what
// Parley's gateway and fake SMSC use. The package ships no types.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events'
  import type { Server as NetServer, Socket } from 'node:net'

  /** A decoded PDU. Fields follow the SMPP specification's names; TLVs appear by name. */
  export interface Pdu {
    command: string
    command_id: number
    command_status: number
    sequence_number: number
    message_id?: string
    system_id?: string
    password?: string
    system_type?: string
    source_addr_ton?: number
    source_addr_npi?: number
    source_addr?: string
    dest_addr_ton?: number
    dest_addr_npi?: number
    destination_addr?: string
    esm_class?: number
    registered_delivery?: number
    data_coding?: number | null
    /** Decoded as `{ message, udh? }` when data_coding is known; a Buffer otherwise. */
    short_message?: unknown
    message_payload?: unknown
    receipted_message_id?: string
    message_state?: number
    network_error_code?: Buffer
    sar_msg_ref_num?: number
    sar_total_segments?: number
    sar_segment_seqnum?: number
    [field: string]: unknown
    isResponse(): boolean
    response(options?: Record<string, unknown>): Pdu
  }

  export type PduCallback = (pdu: Pdu) => void

  export interface Session extends EventEmitter {
    readonly socket: Socket
    send(pdu: Pdu, responseCallback?: PduCallback, sendCallback?: PduCallback): boolean
    bind_transceiver(options: Record<string, unknown>, callback?: PduCallback): boolean
    submit_sm(options: Record<string, unknown>, callback?: PduCallback): boolean
    deliver_sm(options: Record<string, unknown>, callback?: PduCallback): boolean
    enquire_link(options: Record<string, unknown>, callback?: PduCallback): boolean
    unbind(options: Record<string, unknown>, callback?: PduCallback): boolean
    close(callback?: () => void): void
    destroy(callback?: () => void): void
    pause(): void
    resume(): void
  }

  export interface Server extends NetServer {
    readonly sessions: Session[]
  }

  export interface ConnectOptions {
    host: string
    port: number
    auto_enquire_link_period?: number
  }

  /** A text codec the package applies to short_message by data_coding. */
  export interface SmppEncoding {
    match(text: string): boolean
    encode(text: string): Buffer
    decode(bytes: Buffer): string
  }

  export interface SmppModule {
    connect(options: ConnectOptions, listener?: () => void): Session
    createServer(listener: (session: Session) => void): Server
    /** Builds a PDU; `new PDU(buffer)` decodes one. */
    readonly PDU: new (
      command: string | Buffer,
      options?: Record<string, unknown>,
    ) => Pdu & {
      toBuffer(): Buffer
    }
    /** 'ASCII' is GSM 03.38 (one septet per octet), used for data_coding 0 and 1. */
    readonly encodings: {
      readonly ASCII: SmppEncoding
      readonly LATIN1: SmppEncoding
      readonly UCS2: SmppEncoding
    }
    readonly errors: Readonly<Record<string, number>>
  }

  const smpp: SmppModule
  export default smpp
}
