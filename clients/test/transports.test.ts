import assert from "node:assert/strict";
import { test } from "node:test";
import { callFunction, createClient, fetchTransport, myRequest, uniRequest, wxRequest } from "../src/index.js";
import type { paths } from "../../samples/ShopFunction/client/shop-api.js";
import { Recorder } from "./fakes.js";

const baseUrl = "https://api.example.com/prod/";
const order = { code: 0, message: "make order success", orderId: "o-1", totalCents: 600 };

/** What wx.request's success callback gets; only the status and the data matter here. */
function wxAnswer(statusCode: number, data: WechatMiniprogram.IAnyObject): WechatMiniprogram.RequestSuccessCallbackResult {
  return { statusCode, data, header: {}, cookies: [], errMsg: "request:ok" } as unknown as WechatMiniprogram.RequestSuccessCallbackResult;
}

// Each transport against a fake of its platform's API: the exact request it made, and the typed result.

test("wx.request: a POST with the members as JSON, the caller's shared members included", async () => {
  const requests = new Recorder<WechatMiniprogram.RequestOption>();
  const wx = {
    request(option: WechatMiniprogram.RequestOption) {
      requests.record(option);
      option.success?.(wxAnswer(200, order));
      return {} as WechatMiniprogram.RequestTask;
    },
  };
  const shop = createClient<paths>(wxRequest(wx, { baseUrl })).with({ sessionId: "s-1" });

  const result = await shop.call("pay/makeOrder", { id: "xxxx", amount: 3 });

  const sent = requests.only;
  assert.equal(sent.url, "https://api.example.com/prod/pay/makeOrder");
  assert.equal(sent.method, "POST");
  assert.deepEqual(sent.header, { "content-type": "application/json" });
  assert.deepEqual(sent.data, { sessionId: "s-1", id: "xxxx", amount: 3 });
  assert.deepEqual(result, { ok: true, status: 200, body: order });
});

test("wx.request: a GET sends the members as the query, and the runtime's error is told apart", async () => {
  const requests = new Recorder<WechatMiniprogram.RequestOption>();
  const wx = {
    request(option: WechatMiniprogram.RequestOption) {
      requests.record(option);
      option.success?.(wxAnswer(400, { errorType: "InvalidRequest", errorMessage: "sessionId is required" }));
      return {} as WechatMiniprogram.RequestTask;
    },
  };
  const shop = createClient<paths>(wxRequest(wx, { baseUrl })).with({ sessionId: "s 1" });

  const result = await shop.call("pay/orders", {}, { method: "GET" });

  assert.equal(requests.only.url, "https://api.example.com/prod/pay/orders?sessionId=s+1");
  assert.equal(requests.only.method, "GET");
  assert.equal(requests.only.data, undefined);
  assert.deepEqual(result, { ok: false, status: 400, error: { errorType: "InvalidRequest", errorMessage: "sessionId is required" } });
});

test("my.request: Alipay's headers and status, the JSON body as a string", async () => {
  const requests = new Recorder<Parameters<typeof my.request>[0]>();
  const alipay = {
    request(option: Parameters<typeof my.request>[0]) {
      requests.record(option);
      option.success?.({ status: 200, statusCode: 200, data: order, headers: {}, header: {} });
      return Promise.resolve();
    },
  } as unknown as Pick<typeof my, "request">;
  const shop = createClient<paths>(myRequest(alipay, { baseUrl: "https://api.example.com", headers: { "x-app": "alipay" } }));

  const result = await shop.call("pay/makeOrder", { id: "xxxx", amount: "3" });

  const sent = requests.only;
  assert.equal(sent.url, "https://api.example.com/pay/makeOrder");
  assert.equal(sent.method, "POST");
  assert.deepEqual(sent.headers, { "content-type": "application/json", "x-app": "alipay" });
  assert.equal(sent.data, JSON.stringify({ id: "xxxx", amount: "3" }));
  assert.equal(sent.dataType, "json");
  assert.deepEqual(result, { ok: true, status: 200, body: order });
});

test("uni.request: as wx.request, for uni-app; a failed request is a TransportError, not a rejection", async () => {
  const sent: unknown[] = [];
  const uni = {
    request(option: { url: string; fail(error: { errMsg: string }): void }) {
      sent.push(option);
      option.fail({ errMsg: "request:fail timeout" });
    },
  };
  const shop = createClient<paths>(uniRequest(uni, { baseUrl }));

  const result = await shop.call("user/login", { name: "tcb", password: "09876" });

  assert.equal((sent[0] as { url: string }).url, "https://api.example.com/prod/user/login");
  assert.deepEqual((sent[0] as { data: unknown }).data, { name: "tcb", password: "09876" });
  assert.deepEqual(result, { ok: false, status: 0, error: { errorType: "TransportError", errorMessage: "request:fail timeout" } });
});

test("wx.cloud.callFunction: a direct invocation, the route in $url", async () => {
  const calls = new Recorder<{ name: string; data?: unknown }>();
  const cloud = {
    callFunction(option: { name: string; data?: unknown }) {
      calls.record(option);
      return Promise.resolve({ result: order, errMsg: "cloud.callFunction:ok", requestID: "r-1" });
    },
  } as unknown as Pick<WechatMiniprogram.Wx["cloud"], "callFunction">;
  const shop = createClient<paths>(callFunction(cloud, { name: "shop" })).with({ sessionId: "s-1" });

  const result = await shop.call("pay/makeOrder", { id: "xxxx", amount: 3 });

  assert.deepEqual(calls.only, { name: "shop", data: { sessionId: "s-1", id: "xxxx", amount: 3, $url: "pay/makeOrder" } });
  assert.deepEqual(result, { ok: true, status: 200, body: order });
});

test("fetch: a POST with a JSON body; a GET with a query and no body", async () => {
  const sent: { url: string; init: RequestInit }[] = [];
  const fake = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return new Response(JSON.stringify({ code: 0, orders: [] }), { status: 200 });
  }) as typeof fetch;
  const shop = createClient<paths>(fetchTransport({ baseUrl, fetch: fake })).with({ sessionId: "s-1" });

  await shop.call("pay/orders", {});
  await shop.call("pay/orders", {}, { method: "GET" });

  assert.equal(sent[0]!.url, "https://api.example.com/prod/pay/orders");
  assert.equal(sent[0]!.init.method, "POST");
  assert.equal(sent[0]!.init.body, JSON.stringify({ sessionId: "s-1" }));
  assert.equal(sent[1]!.url, "https://api.example.com/prod/pay/orders?sessionId=s-1");
  assert.equal(sent[1]!.init.method, "GET");
  assert.equal(sent[1]!.init.body, undefined);
});
