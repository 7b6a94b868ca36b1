/**
 * What a route takes and answers, read from the `paths` type that openapi-typescript generates from a
 * function's OpenAPI document (`openapi` command, docs/clients.md). Nothing here exists at run time.
 */

type Defined<T> = Exclude<T, undefined>;

/** The routes of `P`: its paths without the leading slash (`"pay/makeOrder"`). */
export type RouteOf<P> = keyof P extends infer K ? (K extends `/${infer R}` ? R : never) : never;

type PathItem<P, R extends string> = P[`/${R}` & keyof P];

/** Whether the route takes a POST (a body); otherwise it is sent as a GET (a query). */
export type TakesPost<P, R extends string> = [Defined<PathItem<P, R> extends { post?: infer O } ? O : never>] extends [never] ? false : true;

/** The route's operation: its POST where it has one, its GET otherwise. */
export type OperationOf<P, R extends string> = TakesPost<P, R> extends true
  ? Defined<PathItem<P, R> extends { post?: infer O } ? O : never>
  : Defined<PathItem<P, R> extends { get?: infer O } ? O : never>;

/** The members a route's request has: its JSON body, or its query; `{}` when the route binds none. */
export type RequestOf<P, R extends string> = BodyOf<OperationOf<P, R>> extends infer J
  ? [J] extends [never] ? QueryOf<OperationOf<P, R>> : J
  : never;

/** The operation's JSON body; `never` when it takes none (openapi-typescript writes `requestBody?: never`). */
type BodyOf<O> = O extends { requestBody?: infer B }
  ? [Defined<B>] extends [never] ? never : Defined<B> extends { content: { "application/json": infer J } } ? J : never
  : never;

/** The operation's query members; `{}` (no members) when it has none. */
type QueryOf<O> = O extends { parameters: { query?: infer Q } }
  ? [Defined<Q>] extends [never] ? Record<string, never> : Defined<Q>
  : Record<string, never>;

/** The body a route answers with (its `200`), or `null` when it answers none. */
export type AnswerOf<P, R extends string> = OperationOf<P, R> extends { responses: { 200: { content: { "application/json": infer A } } } }
  ? A
  : null;

/** How a route may be sent: a POST route also by GET when it takes one; a GET-only route must say so. */
export type MethodOptions<P, R extends string> = TakesPost<P, R> extends true
  ? [options?: { method?: "POST" | (Defined<PathItem<P, R> extends { get?: infer G } ? G : never> extends never ? never : "GET") }]
  : [options: { method: "GET" }];
