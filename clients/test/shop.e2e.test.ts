import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { createClient, fetchTransport } from "../src/index.js";
import type { paths } from "../../samples/ShopFunction/client/shop-api.js";

// The shop's journey through the typed client and fetch, against the real function: `serve` on loopback,
// whose address SHOP_URL gives (ShopFunction.Tests' ClientTests start it and run this file).
const baseUrl = process.env["SHOP_URL"];

test("register, log in, make an order, pay it and list it, over fetch against serve", { skip: baseUrl === undefined ? "SHOP_URL is not set" : false }, async () => {
  const shop = createClient<paths>(fetchTransport({ baseUrl: baseUrl! }));
  const name = `client-${randomUUID().slice(0, 8)}`;

  const registered = await shop.call("user/register", { name, password: "correct horse battery" });
  assert.ok(registered.ok && registered.body.code === 0, JSON.stringify(registered));

  const login = await shop.call("user/login", { name, password: "correct horse battery" });
  assert.ok(login.ok && login.body.code === 0, JSON.stringify(login));
  const session = shop.with({ sessionId: login.body.sessionId });

  const order = await session.call("pay/makeOrder", { id: "xxxx", amount: 2 });
  assert.ok(order.ok && order.body.code === 0, JSON.stringify(order));

  const paid = await session.call("pay/pay", { orderId: order.body.orderId });
  assert.ok(paid.ok && paid.body.code === 0, JSON.stringify(paid));

  const orders = await session.call("pay/orders", {}, { method: "GET" });
  assert.ok(orders.ok, JSON.stringify(orders));
  assert.deepEqual(orders.body.orders.map((o) => [o?.orderId, o?.status]), [[order.body.orderId, "paid"]]);

  // The runtime's errors are told apart from the business answers: no session is InvalidRequest or a business code.
  const refused = await shop.call("pay/makeOrder", { id: "xxxx", amount: 2 });
  assert.ok(!refused.ok || refused.body.code !== 0, JSON.stringify(refused));
  const wrongType = await session.call("pay/makeOrder", { id: "xxxx", amount: "two" });
  assert.ok(!wrongType.ok && wrongType.status === 400 && wrongType.error.errorType === "InvalidRequest", JSON.stringify(wrongType));
});
