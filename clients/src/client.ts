import type { AnswerOf, MethodOptions, RequestOf, RouteOf, TakesPost } from "./routes.js";
import { toResult, transportError, type CallResult, type Transport } from "./result.js";

/** Members every call of a client carries besides its request (`{ sessionId }` after a login). */
export type SharedMembers = Readonly<Record<string, string | number | boolean>>;

/** A typed client of the routes in `P` (openapi-typescript's `paths` of the function's document). */
export interface RouterClient<P> {
  /**
   * Calls `route` with `request`, checked against the route's request type, and resolves with its typed
   * answer or the runtime's error; it never rejects (a transport failure is `TransportError`).
   */
  call<R extends RouteOf<P>>(route: R, request: RequestOf<P, R>, ...options: MethodOptions<P, R>): Promise<CallResult<AnswerOf<P, R>>>;

  /** A client whose calls also carry `members` (a session id a middleware reads, not a handler's request). */
  with(members: SharedMembers): RouterClient<P>;
}

/**
 * A client of the routes in `P` over `transport` (`fetchTransport`, `wxRequest`, `myRequest`,
 * `uniRequest`, `callFunction`).
 *
 * ```ts
 * import type { paths } from "./shop-api";
 * const shop = createClient<paths>(wxRequest(wx, { baseUrl: "https://api.example.com" }));
 * const login = await shop.call("user/login", { name, password });
 * ```
 */
export function createClient<P>(transport: Transport, shared: SharedMembers = {}): RouterClient<P> {
  return {
    async call(route, request, ...options) {
      // A route without a POST (its type says so) is a GET; otherwise POST unless the call asks for GET.
      const method = (options[0] as { method?: "GET" | "POST" } | undefined)?.method ?? "POST";
      try {
        const answer = await transport({ route, method, members: { ...shared, ...(request as object) } });
        return toResult(answer);
      } catch (error) {
        return transportError(error);
      }
    },
    with(members) {
      return createClient<P>(transport, { ...shared, ...members });
    },
  };
}

export type { TakesPost };
