/**
 * The internal USSD model every gateway dialect maps to and from. One `Hop` is one callback the
 * gateway (aggregator) makes to the DFS provider's application; one `Reply` is what the app said.
 */

/** One gateway → app callback, in dialect-neutral form. */
export type Hop = {
  sessionId: string;
  /** E.164 with '+', e.g. '+254700000001'; adapters reformat it (Hubtel drops the '+'). */
  msisdn: string;
  /** The dialled code, e.g. '*384*123#'. */
  serviceCode: string;
  /** Operator / network code, e.g. '63902'. */
  network: string;
  /** Every input of the session so far, this hop's last; on the first hop: the dial-string chain. */
  history: readonly string[];
  /** True on the first hop of a session. */
  isNew: boolean;
  /** 1-based hop number in the session. */
  sequence: number;
  /** Opaque app state the gateway round-trips (Hubtel `ClientState`). */
  clientState?: string;
};

export type ReplyKind = 'con' | 'end' | 'invalid';

/** What the app answered, decoded. `invalid` = the gateway would drop the session. */
export type Reply = {
  kind: ReplyKind;
  /** The screen text shown to the subscriber (without the CON/END marker). */
  text: string;
  clientState?: string;
  /** Why a reply is `invalid` (not CON/END, bad JSON, HTTP error…). */
  problem?: string;
};

export type HttpMethod = 'GET' | 'POST';

/** What goes on the wire for one hop. `query` is appended to the target URL. */
export type WireRequest = {
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
  query?: string;
};

/** An inbound callback as a server (fixture, emulator) sees it. */
export type InboundRequest = {
  method: string;
  /** The query string without '?', '' if none. */
  query: string;
  contentType: string;
  body: string;
};

/** A callback decoded on the app side. */
export type ParsedHop = {
  sessionId: string;
  msisdn: string;
  serviceCode: string;
  network: string;
  isNew: boolean;
  /**
   * This hop's input. On a new session: the dial-string chain after the service code ('1*2' for
   * '*384*123*1*2#'), '' without one. In history dialects (Africa's Talking) the app cannot know
   * the latest input without its own state, so this is the whole `text`.
   */
  input: string;
  /** Africa's Talking-style dialects: the full `*`-joined history (`text`). */
  fullText?: string;
  clientState?: string;
};

export type WireReply = { status: number; contentType: string; body: string };

export const DIALECT_NAMES = ['africastalking', 'hubtel', 'arkesel', 'nalo', 'hollatags', 'generic'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/** A gateway dialect: both directions, so harness, fixtures and emulator share one codec. */
export type Dialect = {
  name: DialectName;
  /** 'full': the gateway sends every input (`text`); 'latest': only this hop's input. */
  history: 'full' | 'latest';
  /** Gateway side: a hop to the wire. */
  encodeRequest(hop: Hop): WireRequest;
  /** Gateway side: the app's HTTP answer to a Reply. */
  decodeReply(status: number, contentType: string, body: string): Reply;
  /**
   * App side: an inbound callback to a ParsedHop; throws InputError when it is not this dialect.
   * `appServiceCode` lets dialects that do not send the service code split a dial-string chain.
   */
  parseRequest(req: InboundRequest, appServiceCode?: string): ParsedHop;
  /** App side: a screen to the wire. */
  encodeReply(reply: { kind: 'con' | 'end'; text: string; clientState?: string }, hop: ParsedHop): WireReply;
};
