import assert from "node:assert/strict";
import { test } from "node:test";
import { createClient, type CallResult, type Transport } from "../src/index.js";
import type { components, paths } from "../../samples/ShopFunction/client/shop-api.js";

// Compiled with tsc --strict before the tests run: each @ts-expect-error line must be an error, or the
// build (and so `npm test`) fails. The calls are never made; the function only has to type-check.
const unused: Transport = () => Promise.reject(new Error("not called"));

export async function typeChecks(): Promise<void> {
  const shop = createClient<paths>(unused);

  // A route's request is its handler's request type, and its answer its return type.
  const login: CallResult<components["schemas"]["LoginReply"]> = await shop.call("user/login", { name: "tcb", password: "09876" });
  if (login.ok) {
    const session: string = login.body.sessionId;
    void session;
    // @ts-expect-error: LoginReply has no orderId
    void login.body.orderId;
  } else {
    const type: string = login.error.errorType;
    void type;
  }

  await shop.call("pay/makeOrder", { id: "xxxx", amount: 3 });
  await shop.call("pay/makeOrder", { id: "xxxx", amount: "3" }); // the context reads numbers from strings

  // @ts-expect-error: no route is named pay/makeOrdr
  await shop.call("pay/makeOrdr", { id: "xxxx", amount: 3 });

  // @ts-expect-error: amount is a number (or its digits), not a boolean
  await shop.call("pay/makeOrder", { id: "xxxx", amount: true });

  // @ts-expect-error: user/login needs its password
  await shop.call("user/login", { name: "tcb" });

  // @ts-expect-error: user/login takes POST only
  await shop.call("user/login", { name: "tcb", password: "x" }, { method: "GET" });

  // pay/orders takes GET and POST, and binds no request of its own.
  await shop.call("pay/orders", {}, { method: "GET" });
  // @ts-expect-error: pay/orders binds no request members (a session goes through with())
  await shop.call("pay/orders", { sessionId: "s" });

  // A GET-only route (as openapi-typescript writes one) takes its request as the query, and must say GET.
  const search = createClient<GetOnlyPaths>(unused);
  const found = await search.call("test/search", { term: "tea", page: 1 }, { method: "GET" });
  if (found.ok) {
    const note: string = found.body.note;
    void note;
  }

  // @ts-expect-error: a GET-only route is not sent as the default POST
  await search.call("test/search", { term: "tea", page: 1 });
  // @ts-expect-error: page is a number
  await search.call("test/search", { term: "tea", page: "one" }, { method: "GET" });
}

interface GetOnlyPaths {
  "/test/search": {
    get: {
      parameters: { query: { term: string; page: number } };
      requestBody?: never;
      responses: { 200: { content: { "application/json": { note: string } } } };
    };
    post?: never;
  };
}

test("the type checks above compiled (their @ts-expect-error lines were errors)", () => {
  assert.equal(typeof typeChecks, "function");
});
