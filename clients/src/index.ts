export { createClient, type RouterClient, type SharedMembers } from "./client.js";
export type { AnswerOf, RequestOf, RouteOf } from "./routes.js";
export type { CallAnswer, CallRequest, CallResult, RouterError, Transport } from "./result.js";
export type { HttpOptions } from "./transports/http.js";
export { callFunction, type CallFunctionOptions, type CloudCaller } from "./transports/callFunction.js";
export { fetchTransport } from "./transports/fetch.js";
export { myRequest, type MyRequester } from "./transports/myRequest.js";
export { uniRequest, type UniRequester } from "./transports/uniRequest.js";
export { wxRequest, type WxRequester } from "./transports/wxRequest.js";
