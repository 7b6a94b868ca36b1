/**
 * What a call answers: the route's body (its business answer, `code` and `message` included, even when
 * `code` says the business refused), or the runtime's error (`errorType`, one of the function's
 * `ErrorTypes`, and its message), told apart by `ok`.
 */
export type CallResult<A> =
  | { readonly ok: true; readonly status: number; readonly body: A }
  | { readonly ok: false; readonly status: number; readonly error: RouterError };

/** The runtime's error object: `InvalidRequest`, `RouteNotFound`, `HandlerError`, ...; `TransportError` when the call did not reach the function. */
export interface RouterError {
  readonly errorType: string;
  readonly errorMessage: string;
}

/** What a transport sends: the route, the method, and the request's members. */
export interface CallRequest {
  readonly route: string;
  readonly method: "GET" | "POST";
  readonly members: Readonly<Record<string, unknown>>;
}

/** What came back: the HTTP status (200 for a direct invocation that succeeded) and the parsed body. */
export interface CallAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Sends one call and resolves with what came back; rejects only when nothing came back. */
export type Transport = (request: CallRequest) => Promise<CallAnswer>;

/** The result of a transport's answer: a runtime error where the body is one, else the route's body. */
export function toResult<A>(answer: CallAnswer): CallResult<A> {
  const body = answer.body;
  if (isRouterError(body)) {
    return { ok: false, status: answer.status, error: { errorType: body.errorType, errorMessage: body.errorMessage } };
  }

  if (answer.status < 200 || answer.status >= 300) {
    return { ok: false, status: answer.status, error: { errorType: "TransportError", errorMessage: `HTTP ${answer.status} without the function's error object` } };
  }

  return { ok: true, status: answer.status, body: body as A };
}

function isRouterError(body: unknown): body is RouterError {
  return typeof body === "object" && body !== null
    && typeof (body as Record<string, unknown>)["errorType"] === "string"
    && typeof (body as Record<string, unknown>)["errorMessage"] === "string";
}

/** A transport's failure to reach the function, as a result. */
export function transportError(error: unknown): CallResult<never> {
  const message = error instanceof Error ? error.message
    : typeof error === "object" && error !== null && "errMsg" in error ? String((error as { errMsg: unknown }).errMsg)
    : typeof error === "object" && error !== null && "errorMessage" in error ? String((error as { errorMessage: unknown }).errorMessage)
    : String(error);
  return { ok: false, status: 0, error: { errorType: "TransportError", errorMessage: message } };
}
